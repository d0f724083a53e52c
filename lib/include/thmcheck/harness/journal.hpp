// The journal of a verify run: one JSON line per decided claim, appended and flushed to disk as
// soon as the claim is decided, so that an interrupted or killed run loses only the claims that
// were running. `verify --resume` reads it back and reruns only the claims without a record for the
// same key (docs/architecture.md, "Interrupted runs").
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "thmcheck/harness/parameters.hpp"
#include "thmcheck/harness/result.hpp"
#include "thmcheck/harness/tier.hpp"

namespace thmcheck {

inline constexpr const char* kJournalSchema = "thmcheck-journal/1";

// Everything a claim's result depends on, and so what a record must match to be reused: theorem,
// claim, tier, suite seed, the theorem's parameter values (after --set), whether the worst-case
// search runs, and the build (version, commit, compiler, flags). Not --jobs, the shard or the
// controls mode: they choose which claims run and how fast, never what a claim finds.
struct JournalKey {
  nlohmann::json fields = nlohmann::json::object();
  std::string text() const { return fields.dump(); }  // object keys sorted: one text per key
};

JournalKey journal_key(const std::string& theorem, const std::string& claim,
                       const Parameters& parameters, Tier tier, std::uint64_t suite_seed,
                       bool search);

class Journal {
 public:
  // `path` is the journal of rank 0 (or of a process without MPI); rank r > 0 writes
  // `path.rank<r>`. With resume, the records of `path` and of every `path.rank*` are read (a torn
  // last line, from a kill in the middle of a write, is dropped); without, the files are truncated
  // at the first record, so that a run that fails on its input leaves an older journal alone.
  Journal(std::string path, bool resume, int rank = 0);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const std::string& path() const { return path_; }
  std::size_t records() const;  // records read when resuming

  std::optional<ClaimResult> find(const JournalKey& key) const;
  // One line, written with one write(2) on a file opened O_APPEND and flushed with fdatasync before
  // it returns. Thread-safe. Throws InputError naming the file when it cannot be written.
  void append(const JournalKey& key, const ClaimResult& result);
  // Deletes this rank's file and, on rank 0, every `path.rank*`: called once a complete results
  // file is on disk.
  void remove();

 private:
  void read(const std::string& file);
  std::string own_file() const;
  std::string path_;
  bool resume_;
  int rank_;
  int fd_ = -1;
  mutable std::mutex mutex_;
  std::map<std::string, nlohmann::json> records_;  // key text -> claim result JSON
};

}  // namespace thmcheck
