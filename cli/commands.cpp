#include "commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "run_options.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/context.hpp"
#include "thmcheck/harness/distributed.hpp"
#include "thmcheck/harness/journal.hpp"
#include "thmcheck/harness/merge.hpp"
#include "thmcheck/harness/registry.hpp"
#include "thmcheck/harness/replay.hpp"
#include "thmcheck/harness/sweep.hpp"
#include "thmcheck/report/report.hpp"

namespace thmcheck::cli {

int list(bool json) {
  auto& reg = Registry::global();
  if (json) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& id : reg.ids()) {
      Theorem t = reg.make(id);
      nlohmann::json claims = nlohmann::json::array();
      for (const auto& c : t.claims)
        claims.push_back(
            {{"id", c.id()}, {"kind", to_string(c.kind)}, {"control", c.info.control}});
      j.push_back({{"id", t.id}, {"title", t.title}, {"claims", claims}});
    }
    std::cout << j.dump(2) << '\n';
    return 0;
  }
  for (const auto& id : reg.ids()) {
    Theorem t = reg.make(id);
    std::size_t controls = 0;
    for (const auto& c : t.claims) controls += c.info.control;
    std::cout << fmt::format("{:<34} {:>2} claims ({} controls)  {}\n", t.id, t.claims.size(),
                             controls, t.title);
  }
  return 0;
}

namespace {

// The proof outline: each claim with the claims it rests on, indented under them.
void outline(const Theorem& t, const std::string& id, int depth, std::string& out) {
  const Claim* c = t.find(id);
  if (!c || depth > 8) return;
  out += fmt::format("{}- {} ({})\n", std::string(2 * std::size_t(depth), ' '), id,
                     to_string(c->kind));
  for (const auto& r : c->info.rests_on) outline(t, r, depth + 1, out);
}

// A seed sweep: the whole selection once per seed. The first run is kept whole (its claims are the
// sweep's); the others only for their verdicts, so that a long sweep holds one run's details in
// memory. Once stopped, the seeds left still run, to take what the journal holds and to list the
// rest as missing; the partial result is then the first seed's claims with every seed's missing
// ones, since a sweep's stability needs every seed.
//
// With --jobs J > 1 (and no MPI), J workers take units of work from one queue, one thread each:
// claims run one after another, and within a claim many phases (instances, evidence, figures) are
// serial, so J threads on one unit leave cores idle, while J units keep them busy. A unit is one
// theorem under one seed (one seed whole when --shard or --claim is given, since both select
// claims over the whole suite; then the last S mod J seeds run one at a time with all J jobs),
// heaviest theorems first by their quick-tier budget, so that the
// queue ends on small units and no core waits long for the last one (a 10-seed quick sweep at
// --jobs 2: 160 s one seed at a time, 130 s with whole seeds as units; docs/performance.md). A
// theorem's results depend neither on the thread count nor on the theorems run beside it (each
// has its own instance store), so the sweep's do not either. Per-claim progress lines would
// interleave, so parallel runs report one line per unit and one per seed. Units started after a
// stop only read the journal or list their claims as missing, and print nothing.
SuiteResult run_sweep(const std::vector<std::string>& ids, const RunOptions& options,
                      const std::vector<std::uint64_t>& seeds) {
  const std::size_t S = seeds.size();
  std::vector<std::string> theorems;  // the selection, without repeats, in order
  for (const auto& id : ids)
    if (std::find(theorems.begin(), theorems.end(), id) == theorems.end()) theorems.push_back(id);
  const bool parallel = options.jobs > 1 && !mpi_enabled();
  const bool by_theorem = parallel && options.shard.count == 1 && options.only_claims.empty();
  const std::size_t T = by_theorem ? theorems.size() : 1;
  const std::size_t workers = parallel ? std::min(std::size_t(options.jobs), S * T) : 1;
  // Whole seeds as units: the last S mod J seeds run one at a time with all J jobs.
  const std::size_t in_parallel = workers < 2 ? 0 : by_theorem ? S * T : S - S % workers;
  // Units (seed, theorem index; T = 1: the whole selection), heaviest theorems first.
  std::vector<std::pair<std::size_t, std::size_t>> units;
  {
    std::vector<std::size_t> by_weight(T);
    std::vector<double> weight(T, 0);
    for (std::size_t j = 0; j < T; ++j) {
      by_weight[j] = j;
      if (by_theorem) weight[j] = Registry::global().make(theorems[j]).quick_budget_seconds;
    }
    std::stable_sort(by_weight.begin(), by_weight.end(),
                     [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });
    for (std::size_t j : by_weight)
      for (std::size_t i = 0; i < S; ++i) units.emplace_back(i, j);
  }
  std::vector<std::vector<SuiteResult>> parts(S, std::vector<SuiteResult>(T));
  std::vector<std::size_t> left(S, T);
  std::vector<double> seconds(S, 0);
  std::vector<SeedRun> runs(S);
  std::mutex print;
  std::size_t finished = 0, units_done = 0;
  auto stopped = [&] { return options.stop && options.stop->load(); };
  // A seed whose units are all done: its theorems in the selection's order, then its line (unless
  // its last unit started after a stop).
  auto finish_seed = [&](std::size_t i, bool stopped_before) {
    SeedRun run{seeds[i], std::move(parts[i][0])};
    for (std::size_t j = 1; j < T; ++j) {
      for (auto& t : parts[i][j].theorems) run.result.theorems.push_back(std::move(t));
      for (auto& m : parts[i][j].missing) run.result.missing.push_back(std::move(m));
    }
    parts[i].clear();
    run.result.provenance["jobs"] = options.jobs;
    std::size_t claims = 0, ok = 0;
    for (auto& t : run.result.theorems)
      for (auto& c : t.claims) {
        ++claims;
        ok += c.as_expected();
        if (i > 0) c.details = nlohmann::json::object();
      }
    ++finished;
    if (options.progress && mpi_rank() == 0 && !stopped_before)
      std::cerr << fmt::format("seed {} ({} of {}): exit {}, {} of {} as expected, {:.1f} s{}\n",
                               seeds[i], finished, S, exit_code(run.result), ok, claims, seconds[i],
                               run.result.partial() ? " (interrupted)" : "");
    runs[i] = std::move(run);
  };
  auto run_unit = [&](std::size_t u, int jobs, bool progress) {
    const auto [i, j] = units[u];
    RunOptions o = options;
    o.seed = seeds[i];
    o.jobs = jobs;
    o.progress = progress;
    const bool stopped_before = stopped();
    const auto t0 = std::chrono::steady_clock::now();
    SuiteResult r =
        run_suite_distributed(by_theorem ? std::vector<std::string>{theorems[j]} : ids, o);
    const double unit_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::lock_guard<std::mutex> lock(print);
    seconds[i] += unit_seconds;
    ++units_done;
    // Heaviest theorems first means every seed ends near the end of the sweep: a line per theorem
    // shows the sweep moving meanwhile.
    if (by_theorem && options.progress && mpi_rank() == 0 && !stopped_before) {
      std::size_t claims = 0, ok = 0;
      for (const auto& t : r.theorems)
        for (const auto& c : t.claims) ++claims, ok += c.as_expected();
      std::cerr << fmt::format("  seed {}, {}: {} of {} as expected, {:.1f} s ({} of {})\n",
                               seeds[i], theorems[j], ok, claims, unit_seconds, units_done,
                               units.size());
    }
    parts[i][j] = std::move(r);
    if (--left[i] == 0) finish_seed(i, stopped_before);
  };
  if (in_parallel > 0) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::vector<std::thread> threads;
    for (std::size_t w = 0; w < workers; ++w)
      threads.emplace_back([&] {
        for (std::size_t u; (u = next++) < in_parallel;) try {
            run_unit(u, 1, false);
          } catch (...) {
            std::lock_guard<std::mutex> lock(print);
            if (!failure) failure = std::current_exception();
          }
      });
    for (auto& th : threads) th.join();
    if (failure) std::rethrow_exception(failure);
  }
  for (std::size_t u = in_parallel; u < units.size(); ++u)
    run_unit(u, options.jobs, options.progress);

  std::vector<std::string> missing;
  for (const auto& run : runs)
    for (const auto& m : run.result.missing)
      missing.push_back(fmt::format("{} (seed {})", m, run.seed));
  if (!missing.empty()) {
    SuiteResult first = std::move(runs.front().result);
    first.missing = std::move(missing);
    return first;
  }
  return merge_sweep(runs);
}

// Set by SIGINT and SIGTERM while verify runs: the runner starts no further claim and abandons the
// running ones at their next trial. A second signal ends the process at once (the journal's
// records are whole lines, so even that loses only the claims that were running).
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void on_stop_signal(int sig) {
  if (g_stop.exchange(true)) {
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  const char msg[] =
      "\nthmcheck: stopping: no further claim starts; the results so far are being written (a "
      "second interrupt quits at once)\n";
  [[maybe_unused]] auto n = ::write(2, msg, sizeof msg - 1);
}

// Installs the handler for the lifetime of a verify run and restores the previous ones after.
class StopSignals {
 public:
  StopSignals() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;  // file writes in progress are not cut short by EINTR
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

namespace fs = std::filesystem;

// Every output destination is checked before the first claim runs: a run must not be lost at its
// end for a typo in a path. The results file is written as FILE.partial and renamed, so FILE's
// folder must take a new file; the report is written as DIR.partial and renamed, so a folder must
// be creatable beside DIR. The probes are named by process, so that MPI ranks checking at once do
// not trip over each other's.
std::string probe_name(const std::string& path) {
  return fmt::format("{}.probe-{}", path, ::getpid());
}

void check_results_file(const std::string& file) {
  if (file.empty()) throw InputError("--json needs a file name");
  std::error_code ec;
  if (fs::is_directory(file, ec))
    throw InputError(fmt::format("--json '{}' is a directory, not a file", file));
  const std::string probe = probe_name(file);
  {
    std::ofstream f(probe);
    if (!f)
      throw InputError(
          fmt::format("--json '{}': cannot create a file there ({})", file, std::strerror(errno)));
  }
  fs::remove(probe, ec);
}

void check_report_dir(const std::string& dir) {
  if (dir.empty()) throw InputError("--report needs a folder name");
  fs::path out(dir);
  if (!out.has_filename()) out = out.parent_path();  // "DIR/" names DIR
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_directory(out, ec))
    throw InputError(fmt::format("--report '{}' exists and is not a folder", dir));
  const fs::path probe = probe_name(out.string());
  fs::create_directories(probe, ec);
  if (ec)
    throw InputError(
        fmt::format("--report '{}': cannot create the folder ({})", dir, ec.message()));
  const bool writable = std::ofstream(probe / "probe").good();
  const int err = errno;
  fs::remove_all(probe, ec);
  if (!writable)
    throw InputError(
        fmt::format("--report '{}': cannot write into the folder ({})", dir, std::strerror(err)));
}

// The journal sits beside the results: FILE.journal for --json FILE, else DIR.journal beside
// --report DIR (not inside DIR, which the report replaces whole).
std::string journal_path(const VerifyArgs& a) {
  if (!a.json_file.empty()) return a.json_file + ".journal";
  fs::path out(a.report_dir);
  if (!out.has_filename()) out = out.parent_path();
  return out.string() + ".journal";
}

void write_results_file(const SuiteResult& r, const std::string& file) {
  // Written beside and renamed: a reader never sees half a file.
  const std::string tmp = file + ".partial";
  {
    std::ofstream f(tmp);
    if (!f) throw InputError("cannot write results file '" + file + "'");
    f << to_json(r).dump(2) << '\n';
    if (!f.flush()) throw InputError("cannot write results file '" + file + "'");
  }
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec) throw InputError(fmt::format("cannot write results file '{}': {}", file, ec.message()));
}

}  // namespace

int explain(const std::string& id, const std::string& results_file) {
  Theorem t = Registry::global().make(id);
  const TheoremResult* run = nullptr;
  SuiteResult results;
  if (!results_file.empty()) {
    results = read_results_file(results_file).result;
    for (const auto& x : results.theorems)
      if (x.id == id) run = &x;
    if (!run)
      throw InputError(fmt::format("'{}' holds no results of theorem '{}'", results_file, id));
  }
  std::string s =
      fmt::format("# {}: {}\n\nSource: {} \"{}\", {} ({}){}{}\n\n## Statement\n\n{}\n\n", t.id,
                  t.title, t.source.authors, t.source.title, t.source.venue, t.source.year,
                  t.source.number.empty() ? "" : ", " + t.source.number,
                  t.source.link.empty() ? "" : ", " + t.source.link, t.statement);
  s += "## Hypotheses (quick tier)\n\n" + t.hypotheses.describe(Tier::quick) + "\n";
  s += "## Hypotheses (full tier)\n\n" + t.hypotheses.describe(Tier::full) + "\n";
  s += "## Parameters\n\n";
  for (const auto& p : t.parameters.all()) {
    const std::string value = p.by_tier ? fmt::format("{:g} (quick tier), {:g} (full tier)",
                                                      p.by_tier->quick, p.by_tier->full)
                                        : fmt::format("{:g}", p.default_value);
    s +=
        fmt::format("- `{}` = {} (allowed [{:g}, {:g}]): {}\n", p.name, value, p.min, p.max, p.doc);
  }
  s += "\n## Claims\n\n";
  for (const auto& c : t.claims) {
    s += fmt::format("- `{}` [{}{}{}]: {}\n", c.id(), to_string(c.kind),
                     c.info.control ? ", control" : "",
                     c.alpha > 0 ? fmt::format(", alpha {:g}", c.alpha) : "", c.info.statement);
    if (!c.info.reason.empty()) s += fmt::format("  ({})\n", c.info.reason);
  }
  s += "\n## Proof outline\n\n";
  if (run) {
    const auto& pv = results.provenance;
    try {
      s += fmt::format("Verdicts of the run in {} ({} tier, seed {}, commit {}):\n\n", results_file,
                       pv.value("tier", "?"), pv.value("seed", std::uint64_t{0}),
                       pv.value("commit", "?")) +
           report::proof_outline_markdown(*run);
    } catch (const nlohmann::json::exception& e) {
      throw InputError(
          fmt::format("results file '{}' holds a malformed field: {}", results_file, e.what()));
    }
    std::cout << s;
    return 0;
  }
  // Roots: claims no other claim rests on.
  for (const auto& c : t.claims) {
    bool used = false;
    for (const auto& o : t.claims)
      for (const auto& r : o.info.rests_on) used = used || r == c.id();
    if (!used) outline(t, c.id(), 0, s);
  }
  std::cout << s;
  return 0;
}

int verify(VerifyArgs a) {
  auto& reg = Registry::global();
  a.options.tier = parse_tier(a.tier);
  a.options.controls = parse_controls_mode(a.controls);
  a.options.shard = parse_shard(a.shard);
  if (a.options.jobs < 1 || a.options.jobs > kMaxJobs)
    throw InputError(fmt::format("--jobs must lie in [1, {}], got {}", kMaxJobs, a.options.jobs));
  for (const auto& s : a.sets) a.options.overrides.push_back(parse_override(s));
  if (a.all && !a.ids.empty()) throw InputError("give theorem ids or --all, not both");
  if (!a.all && a.ids.empty())
    throw InputError("name the theorems to verify, or pass --all (see 'thmcheck list')");
  if (a.seed_given && a.seeds_given)
    throw InputError(fmt::format("give --seed or --seeds, not both (--seed {} --seeds '{}')",
                                 a.options.seed, a.seeds));
  const std::vector<std::uint64_t> seeds =
      a.seeds_given ? parse_seed_list(a.seeds) : std::vector<std::uint64_t>{};
  std::vector<std::string> ids = a.all ? reg.ids() : a.ids;
  if (a.json_given) check_results_file(a.json_file);
  if (a.report_given) check_report_dir(a.report_dir);
  if (a.resume && a.json_file.empty() && a.report_dir.empty())
    throw InputError("--resume needs --json FILE or --report DIR: the journal sits beside them");
  if (!a.json_file.empty() || !a.report_dir.empty()) {
    std::error_code ec;
    const std::string jp = journal_path(a);
    if (fs::exists(jp, ec) && !fs::is_regular_file(jp, ec))
      throw InputError(fmt::format("the journal '{}' exists and is not a file", jp));
  }

  // Each decided claim goes to the journal at once; under mpirun each rank writes its own file.
  std::unique_ptr<Journal> journal;
  if (!a.json_file.empty() || !a.report_dir.empty()) {
    journal = std::make_unique<Journal>(journal_path(a), a.resume, mpi_rank());
    a.options.journal = journal.get();
    if (a.resume && a.options.progress && mpi_rank() == 0)
      std::cerr << fmt::format("thmcheck: resuming: the journal '{}' holds {} claim{}\n",
                               journal->path(), journal->records(),
                               journal->records() == 1 ? "" : "s");
  }
  g_stop = false;
  a.options.stop = &g_stop;
  StopSignals signals;

  // Under mpirun (an MPI build) the ranks split the claims; rank 0 alone prints and writes.
  SuiteResult r =
      a.seeds_given ? run_sweep(ids, a.options, seeds) : run_suite_distributed(ids, a.options);
  if (mpi_rank() != 0) return r.partial() ? 130 : 0;
  r.provenance["program"] = a.program;
  std::cout << report::summary_table(r);
  if (!a.json_file.empty()) write_results_file(r, a.json_file);
  if (!a.report_dir.empty()) report::write_report(r, a.report_dir);
  if (r.partial()) {
    std::cerr << fmt::format("thmcheck: interrupted: {} claim{} not decided{}; ", r.missing.size(),
                             r.missing.size() == 1 ? "" : "s",
                             a.json_file.empty() ? "" : " (listed in '" + a.json_file + "')")
              << (journal ? fmt::format("the journal '{}' keeps the decided ones: the same command "
                                        "with --resume runs the rest\n",
                                        journal->path())
                          : std::string("without --json or --report there is no journal\n"));
    return 130;
  }
  if (journal) journal->remove();  // the results file now holds every claim
  return sweep_exit_code(r);       // for a sweep, its worst seed's
}

int replay(const std::string& token) {
  ReplayTarget target = decode_replay(token);
  Theorem t = Registry::global().make(target.theorem);
  t.parameters.select_tier(target.tier);
  for (const auto& [name, value] : target.parameters.items())
    t.parameters.set(name, value.get<double>());
  const Claim* c = t.find(target.claim);
  if (!c) throw InputError("theorem '" + target.theorem + "' has no claim '" + target.claim + "'");
  if (!c->replay)
    throw InputError("claim '" + target.claim + "' cannot be replayed (its kind keeps no trial)");
  t.hypotheses.check_values(target.values);  // a token from outside may hold any number
  Point p = t.hypotheses.make(target.values, target.point_seed);
  InstanceStore store;
  Progress progress(false);
  ClaimContext ctx(t, *c, t.parameters, target.tier, target.suite_seed, 1, store, progress);
  nlohmann::json ev = c->replay(
      ctx, p, TrialRef{target.trial_seed, target.trial_index, target.trial_run, target.inputs});
  // Exit 1 while the replayed trial is still against its claim, 0 once it is not, so a replay can
  // drive `git bisect run`. A trial against its claim carries the line that pins its instance in
  // the theorem file.
  const bool against = ev.value("violates", false);
  if (against) {
    std::string values;
    for (const auto& [name, x] : p.values)
      values += fmt::format("{}{{\"{}\", {:.17g}}}", values.empty() ? "" : ", ", name, x);
    std::string inputs;  // the adversarial inputs a search chose, if any
    for (const auto& in : target.inputs) {
      std::string numbers;
      for (double x : in) numbers += fmt::format("{}{:.17g}", numbers.empty() ? "" : ", ", x);
      inputs += fmt::format("{}{{{}}}", inputs.empty() ? "" : ", ", numbers);
    }
    ev["pin"] = fmt::format(
        ".pinned = {{{{.values = {{{}}}, .seed = {}u, .note = \"found at suite seed {}, {} "
        "tier\"{}}}}}",
        values, p.seed, target.suite_seed, to_string(target.tier),
        inputs.empty() ? "" : fmt::format(", .inputs = {{{}}}", inputs));
  }
  std::cout << fmt::format("{}/{} on {}\n", t.id, c->id(), p.describe()) << ev.dump(2) << '\n';
  std::cerr << (against ? "still against the claim (exit 1); \"pin\" is the line that pins this "
                          "instance in the "
                          "claim's ClaimInfo, checked first on every run whatever the suite seed\n"
                        : "no longer against the claim (exit 0)\n");
  return against ? 1 : 0;
}

}  // namespace thmcheck::cli
