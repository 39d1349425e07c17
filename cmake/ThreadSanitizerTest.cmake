# Builds thread_tests with ThreadSanitizer in its own build tree and runs it; run by CTest as one test.
# cmake -DSOURCE_DIR=… -DBUILD_DIR=… -P ThreadSanitizerTest.cmake
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BUILD_DIR} -DCMAKE_BUILD_TYPE=RelWithDebInfo
                        "-DCMAKE_CXX_FLAGS=-fsanitize=thread -fno-omit-frame-pointer"
                        "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread"
                RESULT_VARIABLE configured OUTPUT_QUIET)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "ThreadSanitizer build: configuration failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target thread_tests -j2
                RESULT_VARIABLE built OUTPUT_QUIET)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "ThreadSanitizer build: thread_tests did not build")
endif()
set(ENV{TSAN_OPTIONS} "halt_on_error=1 exitcode=66")
execute_process(COMMAND ${BUILD_DIR}/bin/thread_tests RESULT_VARIABLE ran)
if(NOT ran EQUAL 0)
  message(FATAL_ERROR "thread_tests under ThreadSanitizer failed (exit ${ran}; 66 is a reported data race)")
endif()
