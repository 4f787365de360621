# What a host links: libbao.a and libbao.so from the stages' objects, the
# public headers, the `bao` command, and a CMake package:
#
#   cmake --install build --prefix /opt/bao
#   find_package(bao 0.1 REQUIRED)                  # with CMAKE_PREFIX_PATH=/opt/bao
#   target_link_libraries(app PRIVATE bao::bao)     # libbao.so; or bao::bao_static
#
# libbao.a holds every stage's objects, so it is self-contained except for
# fmt and libcrypto, which baoConfig.cmake finds (find_dependency). libbao.so exports only
# the public API (lang/api/exports.txt; checked by the test library/exports).

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

if(BAO_SANITIZE OR BAO_TSAN OR BAO_FUZZ)
  # Instrumented objects belong in instrumented executables, not in a
  # library for hosts; the library tests are skipped too.
  set(BAO_BUILD_LIBRARY OFF)
  message(STATUS "bao: sanitizer or fuzz build, libbao.a and libbao.so not built")
else()
  option(BAO_BUILD_LIBRARY "Build libbao.a, libbao.so and the CMake package" ON)
endif()

install(TARGETS bao RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(NOT BAO_BUILD_LIBRARY)
  return()
endif()

# ---- the public headers: bao.hpp and lang/base, under include/bao/ ----
# They keep their lang/... paths (include/bao/lang/api/bao.hpp), so the
# header's own #include lines work and a host writes
# #include "lang/api/bao.hpp" as the `bao` command does.
file(GLOB BAO_BASE_HEADERS RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/lang/base/*.hpp)
set(BAO_PUBLIC_HEADERS lang/api/bao.hpp ${BAO_BASE_HEADERS})
# Transitional: while bao.hpp still includes internal headers (lang/diag,
# lang/source, lang/syntax), they are installed too, or no host could compile
# it. Once it includes only lang/base, this list is empty and exactly
# lang/api/bao.hpp + lang/base/*.hpp are installed. -DBAO_SEALED_HEADER=ON
# makes configuring fail instead of installing them.
option(BAO_SEALED_HEADER "Fail if lang/api/bao.hpp needs headers outside lang/api and lang/base" OFF)
bao_header_closure(BAO_HEADER_CLOSURE lang/api/bao.hpp)
set(BAO_INTERNAL_HEADERS ${BAO_HEADER_CLOSURE})
list(REMOVE_ITEM BAO_INTERNAL_HEADERS ${BAO_PUBLIC_HEADERS})
if(BAO_INTERNAL_HEADERS)
  list(JOIN BAO_INTERNAL_HEADERS " " internal_text)
  if(BAO_SEALED_HEADER)
    message(FATAL_ERROR "lang/api/bao.hpp includes internal headers: ${internal_text}")
  endif()
  message(STATUS "bao: lang/api/bao.hpp still includes internal headers; installing them "
                 "too until it is sealed: ${internal_text}")
endif()
set(BAO_INSTALL_HEADERS ${BAO_PUBLIC_HEADERS} ${BAO_INTERNAL_HEADERS})
foreach(header IN LISTS BAO_INSTALL_HEADERS)
  get_filename_component(dir ${header} DIRECTORY)
  install(FILES ${PROJECT_SOURCE_DIR}/${header}
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/bao/${dir})
endforeach()

# ---- which symbols libbao.so exports ----
# Every stage is compiled with -fvisibility=hidden -fvisibility-inlines-hidden
# (bao_add_stage), so only what is marked BAO_API (lang/base/export.hpp) is
# exported, and the version script exports nothing outside namespace bao
# (std:: instantiations, fmt, nlohmann, PEGTL stay inside); --exclude-libs
# keeps the symbols of static dependencies local.
#
# Transitional: until bao.hpp marks its classes BAO_API, lang/api and
# lang/base are compiled with default visibility and the version script
# exports exactly the patterns of lang/api/exports.txt instead.
set(BAO_EXPORTS_FILE ${PROJECT_SOURCE_DIR}/lang/api/exports.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${BAO_EXPORTS_FILE}
                                                               ${PROJECT_SOURCE_DIR}/lang/api/bao.hpp)
file(STRINGS ${PROJECT_SOURCE_DIR}/lang/api/bao.hpp BAO_API_MARKS REGEX "^[^/]*BAO_API")
file(STRINGS ${BAO_EXPORTS_FILE} export_lines)
set(BAO_EXPORT_PATTERNS "")
foreach(line IN LISTS export_lines)
  string(STRIP "${line}" line)
  if(line STREQUAL "" OR line MATCHES "^#")
    continue()
  endif()
  string(REGEX REPLACE "^required[ \t]+" "" pattern "${line}")
  if(NOT pattern MATCHES "^[A-Za-z0-9_:*?]+$")
    message(FATAL_ERROR "lang/api/exports.txt: `${pattern}`: a pattern holds only names, `::`, "
                        "`*` and `?`, so that the linker's version script can read it")
  endif()
  list(APPEND BAO_EXPORT_PATTERNS ${pattern})
endforeach()
if(BAO_API_MARKS)
  set(BAO_API_MODE "marked")
  set(version_globals "bao::*;")
else()
  set(BAO_API_MODE "transitional")
  message(STATUS "bao: lang/api/bao.hpp marks nothing BAO_API yet; libbao.so exports the "
                 "patterns of lang/api/exports.txt (lang/api and lang/base: default visibility)")
  set_target_properties(bao_api bao_base PROPERTIES CXX_VISIBILITY_PRESET default
                                                    VISIBILITY_INLINES_HIDDEN OFF)
  list(JOIN BAO_EXPORT_PATTERNS ";\n      " version_globals)
  string(APPEND version_globals ";")
endif()
set(BAO_VERSION_SCRIPT ${PROJECT_BINARY_DIR}/generated/libbao.map)
file(CONFIGURE OUTPUT ${BAO_VERSION_SCRIPT} CONTENT
"/* Generated by cmake/BaoLibrary.cmake (${BAO_API_MODE}): do not edit. */
{
  global:
    extern \"C++\" {
      ${version_globals}
    };
  local:
    *;
};
")

set(BAO_STAGE_OBJECTS "")
foreach(stage IN LISTS BAO_STAGE_TARGETS)
  list(APPEND BAO_STAGE_OBJECTS $<TARGET_OBJECTS:${stage}>)
endforeach()

# ---- libbao.a: every stage's objects in one archive ----
add_library(bao_static STATIC ${BAO_STAGE_OBJECTS})
add_dependencies(bao_static ${BAO_STAGE_TARGETS})
target_link_libraries(bao_static PRIVATE fmt::fmt OpenSSL::Crypto)  # exported as $<LINK_ONLY:…>
# ---- libbao.so.0 ----
add_library(bao_shared SHARED ${BAO_STAGE_OBJECTS})
add_dependencies(bao_shared ${BAO_STAGE_TARGETS})
target_link_libraries(bao_shared PRIVATE fmt::fmt OpenSSL::Crypto)
target_link_options(bao_shared PRIVATE -Wl,--version-script=${BAO_VERSION_SCRIPT}
                    -Wl,--exclude-libs,ALL -Wl,--no-undefined)
set_target_properties(
  bao_shared
  PROPERTIES VERSION ${PROJECT_VERSION}
             SOVERSION ${PROJECT_VERSION_MAJOR}
             EXPORT_NAME bao
             LINK_DEPENDS ${BAO_VERSION_SCRIPT})
set_target_properties(bao_static PROPERTIES EXPORT_NAME bao_static)
foreach(lib bao_static bao_shared)
  target_include_directories(
    ${lib} INTERFACE $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>
                     $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/bao>)
  target_compile_features(${lib} INTERFACE cxx_std_20)
  set_target_properties(
    ${lib}
    PROPERTIES OUTPUT_NAME bao
               LINKER_LANGUAGE CXX
               ARCHIVE_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib
               LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib)
endforeach()

# ---- install and export: lib/cmake/bao/{baoConfig,baoConfigVersion,baoTargets}.cmake ----
set(BAO_PACKAGE_DIR ${PROJECT_BINARY_DIR}/package)
set(BAO_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/bao)
install(
  TARGETS bao_shared bao_static
  EXPORT baoTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT baoTargets NAMESPACE bao:: DESTINATION ${BAO_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/baoConfig.cmake.in
                              ${BAO_PACKAGE_DIR}/baoConfig.cmake
                              INSTALL_DESTINATION ${BAO_INSTALL_CMAKEDIR})
# 0.x: a minor version may change the API, so 0.1 accepts 0.1.* only.
write_basic_package_version_file(${BAO_PACKAGE_DIR}/baoConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${BAO_PACKAGE_DIR}/baoConfig.cmake ${BAO_PACKAGE_DIR}/baoConfigVersion.cmake
        DESTINATION ${BAO_INSTALL_CMAKEDIR})
# The same package from the build tree: -Dbao_DIR=build/package.
export(EXPORT baoTargets NAMESPACE bao:: FILE ${BAO_PACKAGE_DIR}/baoTargets.cmake)
