# Every dependency is a Debian 12 package; a missing one stops configuration naming the package to install.
include_guard(GLOBAL)
find_package(PkgConfig QUIET)

function(lexq_missing what debian_package)
  message(FATAL_ERROR
    "lexq: ${what} not found. Install the Debian package '${debian_package}' "
    "(bash setup.sh build installs every dependency).")
endfunction()

macro(lexq_find_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    lexq_missing("${name}" "${debian_package}")
  endif()
endmacro()

if(NOT PkgConfig_FOUND)
  lexq_missing("pkg-config" "pkg-config")
endif()

lexq_find_package(SQLite3 libsqlite3-dev)
lexq_find_package(pegtl tao-pegtl-dev)
lexq_find_package(ICU libicu-dev COMPONENTS uc i18n)
lexq_find_package(fmt libfmt-dev)
lexq_find_package(tomlplusplus libtomlplusplus-dev)
lexq_find_package(nlohmann_json nlohmann-json3-dev)
pkg_check_modules(LIBEDIT QUIET IMPORTED_TARGET libedit)
if(NOT LIBEDIT_FOUND)
  lexq_missing("libedit" "libedit-dev")
endif()
if(BUILD_TESTING)
  lexq_find_package(Catch2 catch2)
endif()
