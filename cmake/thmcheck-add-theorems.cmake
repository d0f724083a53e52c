# thmcheck_add_theorems(NAME SOURCES file.cpp ... [WITH_BUILTIN] [NO_TESTS]
#                       [TEST_PREFIX prefix] [TIERS quick full] [JOBS n])
#
# Builds the program NAME: thmcheck's command line (thmcheck::main) with the theorem files SOURCES,
# and with thmcheck's own theorems as well under WITH_BUILTIN. Each theorem file registers itself
# (THMCHECK_REGISTER_THEOREM), so NAME verifies, explains and replays exactly the theorems it was
# built with: `NAME verify --all`, `NAME list`.
#
# Unless NO_TESTS, every claim of every theorem in NAME becomes a ctest test after each build of NAME
# (the program is asked for its claims, as catch_discover_tests asks a Catch2 program for its tests):
#   name     <theorem>/<claim> for the quick tier, "<theorem>/<claim> (full)" for the full tier,
#            each preceded by TEST_PREFIX when given (e.g. "mypack/"; trailing spaces are lost);
#   command  NAME verify <theorem> --claim <claim> --tier <tier> --quiet --jobs <JOBS>;
#   labels   the tier (quick, full), "claim", the theorem id, the claim's kind, and "control" for
#            the falsified controls the harness must catch.
# A test passes when its claim's verdict is as expected (holds; violated for controls and recorded
# findings) and fails with the claim's evidence line otherwise. TIERS defaults to both; JOBS (the
# threads of one test, default 1) is also the test's PROCESSORS, so that `ctest -j N` shares N cores.
# A new theorem file is covered once cmake re-runs (its glob) and NAME is rebuilt; no test is written
# by hand. Tests exist only where the calling project enables testing (enable_testing()).

# A global property, not a variable: the function is also called from directories that do not see
# this file's variables (a parent project that took thmcheck with add_subdirectory).
set_property(GLOBAL PROPERTY THMCHECK_DISCOVER_CLAIMS ${CMAKE_CURRENT_LIST_DIR}/thmcheck-discover-claims.cmake)

function(thmcheck_add_theorems NAME)
  cmake_parse_arguments(PARSE_ARGV 1 arg "WITH_BUILTIN;NO_TESTS" "TEST_PREFIX;JOBS" "SOURCES;TIERS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "thmcheck_add_theorems(${NAME}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_SOURCES AND NOT arg_WITH_BUILTIN)
    message(FATAL_ERROR "thmcheck_add_theorems(${NAME}): give SOURCES, WITH_BUILTIN or both")
  endif()
  if(NOT arg_TIERS)
    set(arg_TIERS quick full)
  endif()
  foreach(tier IN LISTS arg_TIERS)
    if(NOT tier MATCHES "^(quick|full)$")
      message(FATAL_ERROR "thmcheck_add_theorems(${NAME}): TIERS takes quick and full, not '${tier}'")
    endif()
  endforeach()
  if(NOT arg_JOBS)
    set(arg_JOBS 1)
  endif()

  add_executable(${NAME} ${arg_SOURCES})
  target_link_libraries(${NAME} PRIVATE thmcheck::main thmcheck::thmcheck)
  if(arg_WITH_BUILTIN)
    # An object library: every theorem's registration is linked in, none dropped as unreferenced.
    target_link_libraries(${NAME} PRIVATE thmcheck::builtin_theorems)
  endif()
  if(arg_NO_TESTS)
    return()
  endif()

  # Written after each build of NAME; ctest includes it through the stub below, which stands in
  # with a failing test until NAME has been built.
  get_property(discover_claims GLOBAL PROPERTY THMCHECK_DISCOVER_CLAIMS)
  set(claims_file ${CMAKE_CURRENT_BINARY_DIR}/${NAME}_claims.cmake)
  set(stub_file ${CMAKE_CURRENT_BINARY_DIR}/${NAME}_claims_include.cmake)
  add_custom_command(
    TARGET ${NAME} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -D "PROGRAM=$<TARGET_FILE:${NAME}>" -D "OUT=${claims_file}"
            -D "PREFIX=${arg_TEST_PREFIX}" -D "TIERS=${arg_TIERS}" -D "JOBS=${arg_JOBS}"
            -P ${discover_claims}
    COMMENT "Listing the claims of ${NAME} as ctest tests"
    VERBATIM)
  file(WRITE ${stub_file}
       "if(EXISTS [==[${claims_file}]==])\n"
       "  include([==[${claims_file}]==])\n"
       "else()\n"
       "  add_test([==[${arg_TEST_PREFIX}${NAME}: not built]==] [==[${NAME}_NOT_BUILT]==])\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${stub_file})
endfunction()
