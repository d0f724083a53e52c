// What the fuzzers of fuzz/ found, each fed through the same function as its harness
// (docs/hardening.md), and the seed corpora of fuzz/corpus/, which must each read or be refused
// with an InputError, never anything else.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "thmcheck/core/errors.hpp"
#include "thmcheck/core/memory.hpp"
#include "thmcheck/harness/merge.hpp"
#include "thmcheck/harness/replay.hpp"
#include "thmcheck/harness/result.hpp"
#include "thmcheck/problems/matrix_market.hpp"

using namespace thmcheck;

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SparseRowMatrix matrix_from(const std::string& text) {
  std::istringstream in(text);
  return read_matrix_market(in, "fuzz.mtx");
}

// Sets an environment variable for the scope of one test.
struct ScopedEnv {
  std::string name;
  ScopedEnv(std::string n, const std::string& value) : name(std::move(n)) {
    ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnv() { ::unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("fuzz seed corpora: every input reads or is refused with an InputError",
          "[quick][fuzz]") {
  const std::filesystem::path corpus = std::filesystem::path(THMCHECK_SOURCE_DIR) / "fuzz/corpus";
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(corpus / "matrix_market")) {
    INFO(e.path().string());
    try {
      (void)matrix_from(read_text(e.path()));
    } catch (const InputError&) {
    }
    ++files;
  }
  for (const auto& e : std::filesystem::directory_iterator(corpus / "replay_token")) {
    INFO(e.path().string());
    try {
      const ReplayTarget t = decode_replay(read_text(e.path()));
      CHECK(encode_replay(decode_replay(encode_replay(t))) == encode_replay(t));
    } catch (const InputError&) {
    }
    ++files;
  }
  for (const auto& e : std::filesystem::directory_iterator(corpus / "results_json")) {
    INFO(e.path().string());
    try {
      const ResultsPart part = parse_results_text(read_text(e.path()), e.path().string());
      (void)merge_results({part}, registry_order());
    } catch (const InputError&) {
    }
    ++files;
  }
  CHECK(files >= 15);
}

TEST_CASE("THMCHECK_MEMORY_LIMIT lowers the memory thmcheck plans with", "[quick][fuzz]") {
  const double machine = memory_limit_bytes();
  {
    ScopedEnv env("THMCHECK_MEMORY_LIMIT", "1000000");
    CHECK(memory_limit_bytes() == 1e6);
    CHECK_THROWS_WITH(require_memory(2e6, "two megabytes"), Catch::Contains("two megabytes"));
  }
  {
    ScopedEnv env("THMCHECK_MEMORY_LIMIT", "lots");  // not a number: ignored
    CHECK(memory_limit_bytes() == machine);
  }
}

TEST_CASE("Matrix Market: a header with few entries but many columns is refused before allocating",
          "[quick][fuzz]") {
  // 1 x 200000000 with one entry: the reader's estimate once counted rows and entries only, but
  // building the matrix makes a transposed copy with an offset per column, 2.4 GB here.
  ScopedEnv env("THMCHECK_MEMORY_LIMIT", "500000000");
  CHECK_THROWS_WITH(
      matrix_from("%%MatrixMarket matrix coordinate real general\n1 200000000 1\n1 1 1\n"),
      Catch::Contains("200000000") && Catch::Contains("memory"));
  const auto A = matrix_from("%%MatrixMarket matrix coordinate real general\n1 1000 1\n1 7 2\n");
  CHECK(A.cols() == 1000);
  CHECK(A.coeff(0, 6) == 2);
}

TEST_CASE("results files: a seed or count beyond 64 bits is refused, not cast (fuzz/results_json)",
          "[quick][fuzz]") {
  // The input fuzz/results_json found: a claim's seed of 64588717222225411382, which JSON parses as
  // a float; converting it to a 64-bit integer was undefined behaviour (UBSan).
  const auto text = read_text(std::filesystem::path(THMCHECK_SOURCE_DIR) /
                              "fuzz/corpus/results_json/claim-seed-beyond-2-64.json");
  CHECK_THROWS_WITH(parse_results_text(text, "found.json"),
                    Catch::Contains("seed must be an integer") && Catch::Contains("6.45887172222"));
  CHECK(json_uint64(nlohmann::json(3.0), "x") == 3);
  CHECK(json_uint64(nlohmann::json(std::uint64_t{18446744073709551615u}), "x") ==
        18446744073709551615u);
  for (const nlohmann::json& bad : {nlohmann::json(-1), nlohmann::json(1e30), nlohmann::json(2.5),
                                    nlohmann::json(-0.5), nlohmann::json("7")})
    CHECK_THROWS_AS(json_uint64(bad, "x"), InputError);
}

TEST_CASE("replay tokens: a seed or index that is not a 64-bit unsigned integer is refused",
          "[quick][fuzz]") {
  const auto token = read_text(std::filesystem::path(THMCHECK_SOURCE_DIR) /
                               "fuzz/corpus/replay_token/suite-seed-1e30");
  CHECK_THROWS_WITH(decode_replay(token), Catch::Contains("suite seed"));
  // {"t":..., "s":5, ..., "i":-1}: a negative instance.
  CHECK_THROWS_WITH(
      decode_replay("thm1.eyJ0IjoiZ2QtcXVhZHJhdGljLXJhdGUiLCJjIjoiY29udHJhY3Rpb24iLCJz"
                    "Ijo1LCJ0aWVyIjoicXVpY2siLCJ2IjpbXSwicHMiOjEsInRzIjoyLCJpIjotMX0"),
      Catch::Contains("instance"));
}
