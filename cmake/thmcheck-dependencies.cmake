# The packages thmcheck's targets link to. Included by the build (CMakeLists.txt) and by the installed
# package (thmcheckConfig.cmake), so that a theorem pack finds exactly what thmcheck was built with.
# THMCHECK_FIND is find_package in the build and find_dependency in the package.
if(NOT DEFINED THMCHECK_FIND)
  set(THMCHECK_FIND find_package)
endif()
macro(_thmcheck_find)
  if(THMCHECK_FIND STREQUAL "find_dependency")
    find_dependency(${ARGV})
  else()
    find_package(${ARGV} REQUIRED)
  endif()
endmacro()

_thmcheck_find(Eigen3 3.4 NO_MODULE)
_thmcheck_find(spectra)
_thmcheck_find(Boost 1.74 COMPONENTS random)
_thmcheck_find(fmt)
_thmcheck_find(CLI11)
_thmcheck_find(nlohmann_json 3)
_thmcheck_find(rapidcheck)
_thmcheck_find(OpenMP)
# The worst-case search's derivative-free optimizer (Debian: libnlopt-cxx-dev).
_thmcheck_find(NLopt CONFIG)
if(THMCHECK_MPI)
  _thmcheck_find(MPI COMPONENTS CXX)
endif()
