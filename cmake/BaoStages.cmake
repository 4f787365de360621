# The stages of lang/ as one static library each, and the check that keeps
# them in order (docs/internals.md, "How the layering is enforced").
#
#   bao_add_stage(check PUBLIC syntax)
#
# makes `bao_check` from lang/check/*.cpp (tests excluded), linked to the
# stages named. PUBLIC: the stage's own headers include that stage's headers,
# so its users need it too; PRIVATE: only its .cpp files (and headers no other
# stage includes) do. A stage may include the headers of the stages it names
# and of everything below them, nothing else: before any file of the stage is
# compiled, cmake/check_layers.py reads every #include of lang/<stage>/*
# (tests excluded) and fails the build on one that runs back up the chain.
# Stages are declared bottom-up, so a cycle cannot even be written. The
# stage's objects are also linked alone with the stages below it
# (bao_<stage>_link_check, --no-undefined), which fails on a symbol taken
# from a stage above.

set(BAO_CHECK_LAYERS ${CMAKE_CURRENT_LIST_DIR}/check_layers.py)
set_property(GLOBAL PROPERTY BAO_STAGES "")
add_custom_target(bao_layers)

function(bao_add_stage name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "PUBLIC;PRIVATE;SOURCES")
  get_property(declared GLOBAL PROPERTY BAO_STAGES)
  set(allowed "")
  foreach(dep IN LISTS arg_PUBLIC arg_PRIVATE)
    if(NOT dep IN_LIST declared)
      message(FATAL_ERROR "stage ${name} uses `${dep}`, which is not a stage declared before it")
    endif()
    get_property(below GLOBAL PROPERTY BAO_STAGE_ALLOWED_${dep})
    list(APPEND allowed ${dep} ${below})
  endforeach()
  # In declaration order (bottom-up), for the message.
  set(ordered "")
  foreach(stage IN LISTS declared)
    if(stage IN_LIST allowed)
      list(APPEND ordered ${stage})
    endif()
  endforeach()
  set_property(GLOBAL PROPERTY BAO_STAGE_ALLOWED_${name} ${ordered})
  set_property(GLOBAL APPEND PROPERTY BAO_STAGES ${name})

  set(dir ${PROJECT_SOURCE_DIR}/lang/${name})
  file(GLOB sources CONFIGURE_DEPENDS ${dir}/*.cpp)
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  file(GLOB checked CONFIGURE_DEPENDS ${dir}/*.cpp ${dir}/*.hpp ${dir}/*.h ${dir}/*.def
                                      ${dir}/*.inc)
  list(FILTER checked EXCLUDE REGEX "_test\\.cpp$")

  set(stamp ${PROJECT_BINARY_DIR}/layering/${name}.ok)
  string(REPLACE ";" "," allowed_arg "${ordered}")
  string(REPLACE ";" " " allowed_text "${ordered}")
  add_custom_command(
    OUTPUT ${stamp}
    COMMAND ${Python3_EXECUTABLE} ${BAO_CHECK_LAYERS} --root ${PROJECT_SOURCE_DIR} --stage ${name}
            --allowed=${allowed_arg} --stamp ${stamp} ${checked}
    DEPENDS ${checked} ${BAO_CHECK_LAYERS}
    COMMENT "Layering: lang/${name} may include lang/{${allowed_text}}"
    VERBATIM)
  add_custom_target(bao_${name}_layers DEPENDS ${stamp})
  add_dependencies(bao_layers bao_${name}_layers)

  add_library(bao_${name} STATIC ${sources} ${arg_SOURCES})
  # Nothing of the stage compiles before its includes are checked.
  add_dependencies(bao_${name} bao_${name}_layers)
  target_include_directories(bao_${name} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>)
  set(public "")
  set(private "")
  foreach(dep IN LISTS arg_PUBLIC)
    list(APPEND public bao_${dep})
  endforeach()
  foreach(dep IN LISTS arg_PRIVATE)
    list(APPEND private bao_${dep})
  endforeach()
  target_link_libraries(bao_${name} PUBLIC ${public} PRIVATE ${private})
  # Objects fit in libbao.so too, and export only what is marked BAO_API.
  # OPTIMIZE_DEPENDENCIES: a stage compiles without waiting for the archives
  # below it (a static library links nothing).
  set_target_properties(
    bao_${name}
    PROPERTIES POSITION_INDEPENDENT_CODE ON
               CXX_VISIBILITY_PRESET hidden
               VISIBILITY_INLINES_HIDDEN ON
               OPTIMIZE_DEPENDENCIES ON)

  # The same rule for symbols: the stage's objects linked alone into a shared
  # object with the stages below it and --no-undefined, so a call that runs
  # back up the chain (a function declared by hand, no #include) fails the
  # link, and so does a missing dependency. Not under sanitizers, whose
  # runtimes leave symbols undefined in shared objects.
  if(NOT (BAO_SANITIZE OR BAO_TSAN OR BAO_FUZZ))
    add_library(bao_${name}_link_check SHARED $<TARGET_OBJECTS:bao_${name}>)
    target_link_libraries(bao_${name}_link_check PRIVATE bao_${name})
    target_link_options(bao_${name}_link_check PRIVATE -Wl,--no-undefined)
    set_target_properties(bao_${name}_link_check PROPERTIES LIBRARY_OUTPUT_DIRECTORY
                                                            ${PROJECT_BINARY_DIR}/layering)
  endif()
endfunction()

# Every folder under lang/ must be a declared stage: one that is not would
# compile into nothing and escape the check.
function(bao_check_stage_dirs)
  get_property(declared GLOBAL PROPERTY BAO_STAGES)
  file(GLOB children LIST_DIRECTORIES true CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/lang/*)
  foreach(child IN LISTS children)
    get_filename_component(stage ${child} NAME)
    if(IS_DIRECTORY ${child} AND NOT stage IN_LIST declared)
      message(FATAL_ERROR "lang/${stage} is not a stage: declare it with bao_add_stage() "
                          "in CMakeLists.txt")
    endif()
  endforeach()
  set(targets "")
  foreach(stage IN LISTS declared)
    list(APPEND targets bao_${stage})
  endforeach()
  set(BAO_STAGE_TARGETS ${targets} PARENT_SCOPE)
endfunction()

# The lang/ headers that `header` includes, itself included, transitively
# (paths relative to the source root).
function(bao_header_closure out header)
  set(todo ${header})
  set(seen "")
  while(todo)
    list(POP_FRONT todo current)
    if(current IN_LIST seen)
      continue()
    endif()
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/${current})
      message(FATAL_ERROR "${header} includes ${current}, which does not exist")
    endif()
    list(APPEND seen ${current})
    set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
                                                          ${PROJECT_SOURCE_DIR}/${current})
    file(STRINGS ${PROJECT_SOURCE_DIR}/${current} lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"lang/")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" included "${line}")
      list(APPEND todo ${included})
    endforeach()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()
