# Installation for embedders: one shared library (liblexq) carrying the engine, the knowledge base code,
# the grammar and the embedded default database, the public headers, a CMake package (lexq::lexq),
# a pkg-config file, and the lexq shell.
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The static libraries are linked whole into one shared library so that an embedder needs neither them
# nor to know how they depend on one another. Only lexq_engine needs WHOLE_ARCHIVE: it holds both APIs;
# the others contribute what it uses. The system libraries stay shared dependencies of liblexq.
# CMake 3.25 wants at least one source; the code itself all comes from the archives.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/lexq_shared.cpp "// liblexq: its code is linked in from the lexq static libraries.\n")
add_library(lexq_shared SHARED ${CMAKE_CURRENT_BINARY_DIR}/lexq_shared.cpp)
target_link_libraries(lexq_shared
  PRIVATE $<LINK_LIBRARY:WHOLE_ARCHIVE,lexq_engine>
          lexq_kb lexq_grammar lexq_default_kb SQLite::SQLite3 ICU::uc ICU::i18n fmt::fmt)
target_include_directories(lexq_shared PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/engine/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
set_target_properties(lexq_shared PROPERTIES
  OUTPUT_NAME lexq
  EXPORT_NAME lexq
  VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
  LINKER_LANGUAGE CXX)
add_library(lexq::lexq ALIAS lexq_shared)

# The shell would otherwise be exported as lexq::lexq too, the name users link against.
set_target_properties(lexq PROPERTIES EXPORT_NAME shell)

set(LEXQ_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/lexq)
install(TARGETS lexq lexq_shared EXPORT lexqTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT lexqTargets NAMESPACE lexq:: FILE lexqTargets.cmake DESTINATION ${LEXQ_CMAKE_DIR})
install(FILES engine/include/lexq/lexq.hpp engine/include/lexq/lexq.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/lexq)
install(FILES ${LEXQ_DEFAULT_KB} DESTINATION ${CMAKE_INSTALL_DATADIR}/lexq RENAME lexq.db)

# No find_dependency: liblexq records its own shared dependencies, and the headers include only the
# standard library.
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/lexqConfig.cmake
  "include(\${CMAKE_CURRENT_LIST_DIR}/lexqTargets.cmake)\n")
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/lexqConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/lexqConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/lexqConfigVersion.cmake
  DESTINATION ${LEXQ_CMAKE_DIR})

# The pkg-config file finds its prefix relative to itself, so that an installed tree may be moved.
file(RELATIVE_PATH LEXQ_PC_TO_PREFIX ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" LEXQ_PC_TO_PREFIX "${LEXQ_PC_TO_PREFIX}")
configure_file(cmake/lexq.pc.in ${CMAKE_CURRENT_BINARY_DIR}/lexq.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/lexq.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
