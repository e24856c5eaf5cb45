# An installed libkraft can be used: installs this build into a fresh prefix, then configures,
# builds and runs tests/install/consumer against it with find_package(kraft), the way a program
# outside the repository would. Run by ctest (tests/CMakeLists.txt) as
#   cmake -DBUILD_DIR= -DWORK_DIR= -DCONSUMER_DIR= -DGENERATOR= -DCXX_COMPILER= -DLAUNCHER=
#         -DBUILD_TYPE= -DCXX_FLAGS= -DLINKER_FLAGS= -DEXPECTED= -P install_test.cmake
# The compiler, its launcher (ccache) and flags (sanitizers) are the build's own.
function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install test: ${what} failed (${rc}):\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run_step("cmake --install" "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}")
set(configure_args -S "${CONSUMER_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DKRAFT_EXPECTED_PREFIX=${prefix}")
if(LAUNCHER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
run_step("configuring the consumer" "${CMAKE_COMMAND}" ${configure_args})
run_step("building the consumer" "${CMAKE_COMMAND}" --build "${WORK_DIR}/build")
run_step("running the consumer" "${WORK_DIR}/build/consumer")
if(NOT step_output STREQUAL "${EXPECTED}\n")
  message(FATAL_ERROR "install test: the consumer printed\n  ${step_output}instead of\n  ${EXPECTED}")
endif()
message(STATUS "install test: ${step_output}")
# Only on success: a failure leaves the prefix and the consumer's build to look at.
file(REMOVE_RECURSE "${WORK_DIR}")
