# Install rules and the CMake package: find_package(kraft) gives kraft::kraft.
include(CMakePackageConfigHelpers)

install(TARGETS kraft EXPORT kraftTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS kraft_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Headers only: version.h.in is installed as the version.h configured from it, below.
install(DIRECTORY include/kraft DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/kraft/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/kraft)
install(EXPORT kraftTargets NAMESPACE kraft:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kraft)
# kraftConfig.cmake finds the private dependencies too when libkraft is a static library.
get_target_property(KRAFT_LIBRARY_TYPE kraft TYPE)
configure_package_config_file(cmake/kraftConfig.cmake.in
  ${PROJECT_BINARY_DIR}/kraftConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kraft)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/kraftConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/kraftConfig.cmake ${PROJECT_BINARY_DIR}/kraftConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/kraft)
configure_file(cmake/kraft.pc.in ${PROJECT_BINARY_DIR}/kraft.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/kraft.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(FILES man/kraft.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES completions/kraft.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME kraft)
