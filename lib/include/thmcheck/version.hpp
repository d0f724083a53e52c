// Build facts for provenance: version, git commit, compiler and flags (set by CMake).
#pragma once

namespace thmcheck {

extern const char* const kVersion;
extern const char* const kGitCommit;
extern const char* const kCompiler;
extern const char* const kCompileFlags;

}  // namespace thmcheck
