# Builds the fuzz targets with clang in their own build tree and runs each for SECONDS from the seeds (fuzz/run);
# run by CTest as one test. Any crash, leak, timeout or UB report fails it, and fuzz/run names the input kept.
# cmake -DSOURCE_DIR=… -DBUILD_DIR=… -DSECONDS=… -P FuzzTest.cmake
find_program(CLANGXX clang++)
if(NOT CLANGXX)
  message(FATAL_ERROR "fuzz targets: clang++ not found. Install the Debian packages 'clang' and 'libclang-rt-14-dev'.")
endif()
set(ENV{LEXQ_FUZZ_BUILD_DIR} ${BUILD_DIR})
execute_process(COMMAND bash ${SOURCE_DIR}/fuzz/run ${SECONDS} RESULT_VARIABLE ran)
if(NOT ran EQUAL 0)
  message(FATAL_ERROR "fuzz targets: exit ${ran} (1: a crash, its input kept under ${BUILD_DIR}/fuzz-runs/crashes; 2: the build failed)")
endif()
