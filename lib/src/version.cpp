#include "thmcheck/version.hpp"

namespace thmcheck {

const char* const kVersion = THMCHECK_VERSION;
const char* const kGitCommit = THMCHECK_GIT_COMMIT;
const char* const kCompiler = "g++ " __VERSION__;
const char* const kCompileFlags = THMCHECK_COMPILE_FLAGS;

}  // namespace thmcheck
