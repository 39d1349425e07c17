# Builds the whole project with AddressSanitizer and UndefinedBehaviorSanitizer in its own build tree and runs
# every test there but these sanitizer and fuzz meta-tests themselves; run by CTest as one test.
# cmake -DSOURCE_DIR=… -DBUILD_DIR=… -P SanitizerTest.cmake
set(flags "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer")
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${BUILD_DIR} -DCMAKE_BUILD_TYPE=RelWithDebInfo
                        "-DCMAKE_CXX_FLAGS=${flags}"
                        "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined"
                        "-DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=address,undefined"
                RESULT_VARIABLE configured OUTPUT_QUIET)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "ASan/UBSan build: configuration failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} -j2 RESULT_VARIABLE built OUTPUT_QUIET ERROR_QUIET)
if(NOT built EQUAL 0)
  message(FATAL_ERROR "ASan/UBSan build: the build failed (cmake --build ${BUILD_DIR} shows why)")
endif()
# verify_asan_link_order=0: the install test links the examples, built without ASan, to this instrumented
# liblexq, which brings the ASan runtime in after libc.
set(ENV{ASAN_OPTIONS} "detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:verify_asan_link_order=0")
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --test-dir ${BUILD_DIR} --output-on-failure -j2
                        -E "under ThreadSanitizer|under AddressSanitizer|fuzz targets"
                RESULT_VARIABLE ran)
if(NOT ran EQUAL 0)
  message(FATAL_ERROR "tests under AddressSanitizer and UndefinedBehaviorSanitizer failed (the output above shows which)")
endif()
