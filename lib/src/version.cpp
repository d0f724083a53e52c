#include "thmcheck/version.hpp"

#include "thmcheck_git_commit.h"  // generated at build time (cmake/git_commit.cmake)

namespace thmcheck {

const char* const kVersion = THMCHECK_VERSION;
const char* const kGitCommit = THMCHECK_GIT_COMMIT;
const char* const kCompiler = "g++ " __VERSION__;
const char* const kCompileFlags = THMCHECK_COMPILE_FLAGS;

}  // namespace thmcheck
