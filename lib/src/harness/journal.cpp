#include "thmcheck/harness/journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/version.hpp"

namespace thmcheck {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The files of ranks r > 0 beside `path`: path.rank1, path.rank2, ..., in name order.
std::vector<fs::path> rank_files(const std::string& path) {
  const fs::path p(path);
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string prefix = p.filename().string() + ".rank";
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().rfind(prefix, 0) == 0) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

JournalKey journal_key(const std::string& theorem, const std::string& claim,
                       const Parameters& parameters, Tier tier, std::uint64_t suite_seed,
                       bool search) {
  json values = json::object();
  for (const auto& p : parameters.all()) values[p.name] = p.value;
  return {{{"theorem", theorem},
           {"claim", claim},
           {"tier", to_string(tier)},
           {"seed", suite_seed},
           {"parameters", values},
           {"search", search},
           {"build",
            {{"version", kVersion},
             {"commit", kGitCommit},
             {"compiler", kCompiler},
             {"flags", kCompileFlags}}}}};
}

Journal::Journal(std::string path, bool resume, int rank)
    : path_(std::move(path)), resume_(resume), rank_(rank) {
  if (!resume_) return;
  read(path_);
  // Every rank's file: the claims a rank ran before need not be this rank's share now.
  for (const auto& f : rank_files(path_)) read(f.string());
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

std::string Journal::own_file() const {
  return rank_ == 0 ? path_ : fmt::format("{}.rank{}", path_, rank_);
}

void Journal::read(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return;  // nothing journaled yet
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  // Only lines that end in a newline are records: a kill in the middle of a write leaves a torn
  // last line, which is dropped here and cut off before this rank appends (append()).
  std::size_t start = 0, line = 0;
  while (true) {
    const auto end = text.find('\n', start);
    if (end == std::string::npos) break;
    ++line;
    const std::string record = text.substr(start, end - start);
    start = end + 1;
    if (record.empty()) continue;
    try {
      json j = json::parse(record);
      if (j.value("journal", std::string()) != kJournalSchema) continue;  // another version's
      claim_result_from_json(j.at("result"));                             // readable
      records_[j.at("key").dump()] = j.at("result");
    } catch (const std::exception& e) {
      throw InputError(fmt::format(
          "journal '{}', line {}: not a journal record ({}); delete the file to start afresh", file,
          line, e.what()));
    }
  }
}

std::size_t Journal::records() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return records_.size();
}

std::optional<ClaimResult> Journal::find(const JournalKey& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = records_.find(key.text());
  if (it == records_.end()) return std::nullopt;
  return claim_result_from_json(it->second);
}

void Journal::append(const JournalKey& key, const ClaimResult& result) {
  // Invalid UTF-8 in a message (an exception's text) is replaced rather than lost with the record.
  const std::string line =
      json{{"journal", kJournalSchema}, {"key", key.fields}, {"result", to_json(result)}}.dump(
          -1, ' ', false, json::error_handler_t::replace) +
      "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string file = own_file();
  auto fail = [&](const char* what) {
    return InputError(fmt::format("cannot {} journal '{}': {}", what, file, std::strerror(errno)));
  };
  if (fd_ < 0) {
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | (resume_ ? 0 : O_TRUNC),
                 0644);
    if (fd_ < 0) throw fail("open");
    if (resume_) {
      // Cut a torn last line, so that this record starts a line of its own.
      const off_t size = ::lseek(fd_, 0, SEEK_END);
      if (size > 0) {
        char last = '\n';
        if (::pread(fd_, &last, 1, size - 1) != 1) throw fail("read");
        if (last != '\n') {
          std::ifstream in(file, std::ios::binary);
          std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
          const auto keep = text.rfind('\n');
          if (::ftruncate(fd_, keep == std::string::npos ? 0 : off_t(keep + 1)) != 0)
            throw fail("repair");
        }
      }
    }
  }
  // One write for the whole line (O_APPEND puts it at the end); a short write is continued.
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw fail("write");
    }
    done += std::size_t(n);
  }
  while (::fdatasync(fd_) != 0)
    if (errno != EINTR) throw fail("flush");
  records_[key.text()] = json::parse(line).at("result");
}

void Journal::remove() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  std::error_code ec;
  fs::remove(own_file(), ec);
  if (rank_ != 0) return;
  for (const auto& f : rank_files(path_)) fs::remove(f, ec);
}

}  // namespace thmcheck
