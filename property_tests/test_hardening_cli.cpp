// Hostile input and interrupted runs (issue 16): each bad input found by trying the command line as
// a careless or hostile user exits 64 quickly with a message that names it, never a crash or a
// hang; and a verify run stopped by a signal keeps its decided claims in the journal and resumes
// to the results of an uninterrupted run.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "thmcheck/harness/journal.hpp"
#include "thmcheck/harness/replay.hpp"
#include "thmcheck/harness/result.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

struct Output {
  int code = -1;
  std::string text;  // stdout and stderr together
  double seconds = 0;
};

Output run_cli(const std::string& args) {
  const std::string cmd = std::string(THMCHECK_BINARY) + " " + args + " 2>&1";
  Output out;
  const auto t0 = std::chrono::steady_clock::now();
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), int(buf.size()), pipe)) out.text += buf.data();
  const int status = pclose(pipe);
  out.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("thmcheck-hardening-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  return path.string();
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

std::size_t lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) n += !line.empty();
  return n;
}

}  // namespace

TEST_CASE("hostile input exits 64 quickly with a message naming it", "[quick][cli][hardening]") {
  const fs::path dir = temp_dir("hostile");
  const std::string mm = "%%MatrixMarket matrix ";
  const auto huge = write_file(dir / "huge.mtx", mm + "coordinate real general\n"
                                                      "100000000000 100000000000 1\n1 1 1\n");
  const auto huge_array =
      write_file(dir / "huge-array.mtx", mm + "array real general\n100000000000 100000000000\n1\n");
  const auto many = write_file(dir / "many.mtx", mm + "coordinate real general\n"
                                                      "1000 10 3000000000\n1 1 1\n");
  const auto overflow = write_file(
      dir / "overflow.mtx", mm + "coordinate real general\n3 2 3\n1 1 1e308\n2 2 1e308\n3 1 1\n");
  const auto bad_details = write_file(
      dir / "details.json",
      R"({"schema": "thmcheck-results/1", "provenance": {}, "theorems": [{"id": "gd-quadratic-rate",
      "claims": [{"id": "x", "kind": "inequality", "control": false, "verdict": "holds",
      "estimate": 1, "interval": [1, 2], "bound": 1, "margin": 1, "samples": 1, "seed": 1,
      "seconds": 1, "details": 5}]}]})");
  const auto bad_seed = write_file(
      dir / "seed.json",
      R"({"schema": "thmcheck-results/1", "provenance": {"seed": "x"}, "theorems": []})");
  fs::create_directories(dir / "j.json.journal");  // a journal that is not a file
  const std::string simulate =
      "simulate minibatch-hbm --spectrum slow-algebraic --kappa 10 --dim 10 --rows 100 --quiet ";
  const std::string hbm = "hbm-params --spectrum slow-algebraic --dim 100 ";
  struct Case {
    std::string args, says;
  };
  const std::vector<Case> cases = {
      // --jobs: refused beyond kMaxJobs (100000 threads crashed the OpenMP runtime)
      {"verify gd-quadratic-rate --jobs 100000", "--jobs"},
      {"verify gd-quadratic-rate --jobs -3", "--jobs"},
      {"simulate gd --spectrum slow-algebraic --kappa 10 --dim 10 --jobs 100000", "--jobs"},
      // sizes from a Matrix Market header, refused before allocating
      {"hbm-params --matrix " + huge, "too large"},
      {"hbm-params --matrix " + huge_array, "too large"},
      {"hbm-params --matrix " + many, "too large"},
      {"simulate rk --matrix " + huge, "too large"},
      {"hbm-params --matrix " + overflow, "too large"},
      // --batch beyond what a multinomial batch counts exactly (2^53), given or by default (B* at
      // kappa 1e27)
      {simulate + "--batch 9007199254740992", "--batch"},
      {simulate + "--batch 9223372036854775807", "--batch"},
      {"simulate minibatch-hbm --spectrum slow-algebraic --kappa 1e27 --dim 10 --rows 100",
       "--batch"},
      // numbers double precision cannot hold: refused with the largest value that works
      {hbm + "--kappa 1e300", "largest kappa that works"},
      {hbm + "--kappa 1e15", "largest kappa that works"},
      {hbm + "--kappa 10 --widen 1e308", "largest widen that works"},
      {hbm + "--kappa 10 --horizon 1e308", "largest horizon that works"},
      // dimensions whose work cannot be done in reasonable time and memory
      {"hbm-params --spectrum slow-algebraic --kappa 10 --dim 1000000000", "--dim 1000000000"},
      {"simulate gd --spectrum slow-algebraic --kappa 10 --dim 10 --trials 100000000 --iters "
       "100000000",
       "memory"},
      // seeds: decimal digits, 0 to 2^64 - 1
      {"verify gd-quadratic-rate --seed 99999999999999999999999", "--seed"},
      {"verify gd-quadratic-rate --seed -1", "--seed"},
      {"verify gd-quadratic-rate --seed 1e5", "--seed"},
      {"verify gd-quadratic-rate --seed ''", "--seed"},
      {"verify gd-quadratic-rate --seeds -1..3", "--seeds"},
      {"simulate gd --spectrum slow-algebraic --kappa 10 --dim 10 --seed -1", "--seed"},
      {"simulate gd --spectrum slow-algebraic --kappa 10 --dim 10 --seed 99999999999999999999999",
       "--seed"},
      // output destinations, checked before the first claim runs
      {"verify gd-quadratic-rate --json /nonexistent/dir/r.json", "/nonexistent/dir/r.json"},
      {"verify gd-quadratic-rate --report /proc/x", "/proc/x"},
      {"verify gd-quadratic-rate --json " + dir.string(), "is a directory"},
      {"verify gd-quadratic-rate --json ''", "--json"},
      {"verify gd-quadratic-rate --report ''", "--report"},
      {"verify gd-quadratic-rate --resume", "--resume"},
      {"verify gd-quadratic-rate --resume --json " + (dir / "j.json").string(), "journal"},
      // malformed results files
      {"report --from " + bad_details + " --out " + (dir / "rep").string(), "details"},
      {"explain gd-quadratic-rate --from " + bad_seed, "seed"},
      // NaN is not "the theory's default"
      {"simulate hbm --spectrum slow-algebraic --kappa 10 --dim 10 --beta nan", "--beta"},
  };
  for (const auto& c : cases) {
    const Output out = run_cli(c.args);
    INFO("thmcheck " << c.args << "\n" << out.text);
    CHECK(out.code == 64);
    CHECK_THAT(out.text, Catch::Contains(c.says));
    CHECK(out.text.find("thmcheck: ") != std::string::npos);  // a message, not an abort
    CHECK(out.seconds < 10);
    // Refused before any claim ran: no summary line.
    CHECK(out.text.find("as expected;") == std::string::npos);
  }
}

TEST_CASE("replay: a token whose point lies outside the hypotheses exits 64 naming the variable",
          "[quick][cli][hardening]") {
  using namespace thmcheck;
  ReplayTarget t;
  t.theorem = "gd-quadratic-rate";
  t.claim = "control-faster-rate";
  t.suite_seed = 7;
  const std::vector<std::pair<std::string, double>> good = {
      {"d", 2}, {"kappa", 2}, {"recipe", 0}, {"n_over_d", 1}};
  t.values = good;
  CHECK(run_cli("replay " + encode_replay(t)).code != 64);  // the control's trial replays
  struct Case {
    std::size_t at;
    double value;
  };
  // A dimension of 10^12 allocated until killed; a choice's index of -5 read past its labels.
  for (const Case c :
       {Case{0, 1e12}, Case{0, -5}, Case{0, 2.5}, Case{2, -5}, Case{2, 1e12}, Case{1, 1e308}}) {
    t.values = good;
    t.values[c.at].second = c.value;
    const Output out = run_cli("replay " + encode_replay(t));
    INFO(out.text);
    CHECK(out.code == 64);
    CHECK_THAT(out.text, Catch::Contains("'" + good[c.at].first + "'"));
    CHECK(out.seconds < 10);
  }
  t.values = good;
  t.parameters = {{"iterations", "many"}};
  const Output out = run_cli("replay " + encode_replay(t));
  CHECK(out.code == 64);
  CHECK_THAT(out.text, Catch::Contains("'iterations' is not a number"));
}

TEST_CASE("simulate: a batch of 10^11 on 100 rows runs, its counts drawn as a multinomial vector",
          "[quick][cli][hardening]") {
  // Once refused (the ensemble indexed every draw with 32 bits); a step now costs O(n).
  const Output out = run_cli(
      "simulate minibatch-hbm --spectrum slow-algebraic --kappa 10 --dim 10 --rows 100 --quiet "
      "--batch 100000000000 --iters 20 --trials 4 --json");
  INFO(out.text);
  REQUIRE(out.code == 0);
  CHECK(out.seconds < 10);
  const auto j = nlohmann::json::parse(out.text.substr(out.text.find('{')));
  CHECK(j["batch"].get<long>() == 100000000000L);
}

TEST_CASE("hbm-params: the largest kappa it names works, and no integer is printed wrapped",
          "[quick][cli][hardening][hbm]") {
  const Output refused = run_cli("hbm-params --spectrum slow-algebraic --kappa 1e300 --dim 100");
  REQUIRE(refused.code == 64);
  std::smatch m;
  const std::regex largest("largest kappa that works is about ([0-9.e+]+)");
  REQUIRE(std::regex_search(refused.text, m, largest));
  const std::string kappa = m[1];
  const Output ok =
      run_cli("hbm-params --spectrum slow-algebraic --kappa " + kappa + " --dim 100 --json");
  INFO(ok.text);
  CHECK((ok.code == 0 || ok.code == 1));  // 1: the closed form and the eigenvectors disagree
  const auto j = nlohmann::json::parse(ok.text.substr(ok.text.find('{')));
  CHECK(j["B_star"].is_number_integer());
  CHECK(j["B_star"].get<long>() >= 0);
  for (const char* key : {"kappa_C", "B_star_real", "B_star_horizon", "k_eps"}) {
    INFO(key);
    CHECK(j[key].is_number());
    CHECK(std::isfinite(j[key].get<double>()));
  }
}

TEST_CASE("the journal keeps whole records and drops a torn last line", "[quick][hardening]") {
  using namespace thmcheck;
  const fs::path dir = temp_dir("journal");
  const std::string path = (dir / "r.json.journal").string();
  Parameters params;
  params.add("c", 2.5, "a constant");
  ClaimResult a;
  a.id = "first";
  a.verdict = Verdict::holds;
  a.estimate = 0.25;
  a.details["note"] = "kept";
  const JournalKey ka = journal_key("t", "first", params, Tier::quick, 7, true);
  {
    Journal j(path, false);
    j.append(ka, a);
  }
  // A kill in the middle of a write leaves part of a line.
  std::ofstream(path, std::ios::app) << R"({"journal": "thmcheck-journal/1", "key": {"th)";
  Journal resumed(path, true);
  CHECK(resumed.records() == 1);
  REQUIRE(resumed.find(ka));
  CHECK(to_json(*resumed.find(ka)) == to_json(a));
  // Another seed, tier, parameter value or search mode is another key.
  CHECK(!resumed.find(journal_key("t", "first", params, Tier::quick, 8, true)));
  CHECK(!resumed.find(journal_key("t", "first", params, Tier::full, 7, true)));
  CHECK(!resumed.find(journal_key("t", "first", params, Tier::quick, 7, false)));
  params.set("c", 3);
  CHECK(!resumed.find(journal_key("t", "first", params, Tier::quick, 7, true)));
  ClaimResult b = a;
  b.id = "second";
  const JournalKey kb = journal_key("t", "second", params, Tier::quick, 7, true);
  resumed.append(kb, b);
  CHECK(lines_of(path) == 2);  // the torn line was cut, the new record is a line of its own
  Journal again(path, true);
  CHECK(again.records() == 2);
  CHECK(again.find(kb));
  again.remove();
  CHECK(!fs::exists(path));
}

namespace {

// Starts thmcheck with `args` (split on spaces), output to `log`; returns its pid.
pid_t spawn_cli(const std::vector<std::string>& args, const fs::path& log) {
  std::vector<std::string> argv_s = {THMCHECK_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(rc == 0);
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("a run stopped by a signal resumes to the claims of an uninterrupted run",
          "[quick][cli][hardening][journal]") {
  const fs::path dir = temp_dir("resume");
  // Two quick theorems of 16 claims, a second or two each.
  const std::vector<std::string> run = {
      "verify", "gaussian-singular-values", "heavy-ball-quadratic-rate", "--seed", "7", "--jobs",
      "2"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> v = run;
    v.insert(v.end(), extra.begin(), extra.end());
    return v;
  };
  const fs::path whole = dir / "whole.json", part = dir / "part.json", report = dir / "report";
  REQUIRE(wait_exit(spawn_cli(with({"--json", whole.string()}), dir / "whole.log")) == 0);
  CHECK(!fs::exists(whole.string() + ".journal"));  // a complete run leaves no journal

  // Interrupted as soon as its first claim is in the journal.
  const fs::path journal = part.string() + ".journal";
  for (const int sig : {SIGINT, SIGTERM}) {
    INFO("signal " << sig);
    fs::remove(journal);
    const pid_t pid = spawn_cli(
        with({"--json", part.string(), "--report", report.string(), "--quiet"}), dir / "part.log");
    const auto t0 = std::chrono::steady_clock::now();
    while (lines_of(journal) == 0 &&
           std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60))
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    REQUIRE(kill(pid, sig) == 0);
    const int code = wait_exit(pid);
    INFO(read_text(dir / "part.log"));
    REQUIRE(code == 130);
    const auto partial = read_json(part);
    CHECK(partial["partial"] == true);
    REQUIRE(partial["missing"].is_array());
    CHECK(!partial["missing"].empty());
    CHECK(lines_of(journal) >= 1);
    const std::string readme = read_text(report / "README.md");
    CHECK_THAT(readme, Catch::Contains("Partial results"));
    CHECK_THAT(readme, Catch::Contains(partial["missing"][0].get<std::string>()));
  }
  // A report of partial results lists the missing claims and exits 2 at best (undecided).
  const Output merged = run_cli("report --from " + part.string() + " --out " + report.string());
  CHECK(merged.code == 2);
  CHECK_THAT(read_text(report / "README.md"), Catch::Contains("Missing claims"));

  // Resumed: only the missing claims run, and the results are those of the uninterrupted run.
  const std::size_t journaled = lines_of(journal);
  const pid_t pid = spawn_cli(with({"--json", part.string(), "--resume"}), dir / "resume.log");
  REQUIRE(wait_exit(pid) == 0);
  INFO(read_text(dir / "resume.log"));
  CHECK_THAT(read_text(dir / "resume.log"), Catch::Contains("from the journal"));
  CHECK(!read_json(part).contains("partial"));
  // The house comparison: every field but timings and provenance.
  const std::string same = "python3 " + std::string(THMCHECK_SOURCE_DIR) +
                           "/scripts/same-results " + whole.string() + " " + part.string() +
                           " 2>&1";
  FILE* pipe = popen(same.c_str(), "r");
  REQUIRE(pipe);
  std::string diff;
  std::array<char, 4096> buf{};
  while (std::fgets(buf.data(), int(buf.size()), pipe)) diff += buf.data();
  const int status = pclose(pipe);
  INFO(diff);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  CHECK(read_json(whole)["theorems"].size() == read_json(part)["theorems"].size());
  CHECK(!fs::exists(journal));  // complete again: the journal is gone
  CHECK(journaled >= 1);
}
