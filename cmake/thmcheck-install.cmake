# `cmake --install build --prefix P`: the library, its public headers, the built-in theorems (as
# objects, so a pack can take them WITH_BUILTIN), the command line's main() library, the `thmcheck`
# program, and the CMake package P/lib/cmake/thmcheck (find_package(thmcheck) gives thmcheck::thmcheck,
# thmcheck::main, thmcheck::builtin_theorems and thmcheck_add_theorems()).
include(CMakePackageConfigHelpers)
set(THMCHECK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/thmcheck)

install(TARGETS thmcheck thmcheck_main thmcheck_theorems thmcheck_cli
        EXPORT thmcheckTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        OBJECTS DESTINATION ${CMAKE_INSTALL_LIBDIR}/thmcheck/builtin_theorems)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lib/include/thmcheck DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT thmcheckTargets NAMESPACE thmcheck:: DESTINATION ${THMCHECK_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/thmcheckConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/thmcheckConfig.cmake
                              INSTALL_DESTINATION ${THMCHECK_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/thmcheckConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/thmcheckConfig.cmake
              ${PROJECT_BINARY_DIR}/thmcheckConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/thmcheck-dependencies.cmake
              ${PROJECT_SOURCE_DIR}/cmake/thmcheck-add-theorems.cmake
              ${PROJECT_SOURCE_DIR}/cmake/thmcheck-discover-claims.cmake
        DESTINATION ${THMCHECK_CMAKE_DIR})
