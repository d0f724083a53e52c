// thmcheck: verify theorems about optimization methods by computation (docs/architecture.md,
// "Command line").
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <new>
#include <string>

#include "commands.hpp"
#include "report_command.hpp"
#include "research_tools.hpp"
#include "thmcheck/core/errors.hpp"
#include "thmcheck/harness/distributed.hpp"
#include "thmcheck/harness/sweep.hpp"

int main(int argc, char** argv) {
  using namespace thmcheck;
  MpiSession mpi(argc,
                 argv);  // MPI for the program's lifetime when built with it and run by mpirun
  CLI::App app{"thmcheck: verify theorems about optimization methods by computation"};
  app.require_subcommand(1);

  bool list_json = false;
  auto* list = app.add_subcommand("list", "list the registered theorems");
  list->add_flag("--json", list_json, "print JSON");

  std::string explain_id;
  auto* explain =
      app.add_subcommand("explain", "statement, hypotheses, parameters, claims and proof outline");
  explain->add_option("id", explain_id, "theorem id")->required();
  std::string explain_from;
  explain->add_option("--from", explain_from,
                      "results JSON of a run: the outline shows its verdicts and what broke");

  cli::VerifyArgs v;
  auto* verify = app.add_subcommand("verify", "check claims and report verdicts");
  verify->footer(
      "Each decided claim is appended at once to a journal beside the results (FILE.journal for "
      "--json FILE, else DIR.journal for --report DIR). Ctrl-C or SIGTERM stops the run: the "
      "results so far are written marked partial (\"partial\": true, \"missing\": [...]), the "
      "report lists the missing claims, the journal is kept and the exit code is 130; the same "
      "command with --resume then runs only the missing claims. Exit codes: 0 all as expected, 1 "
      "violated or missed, 2 inconclusive, 64 bad input, 130 interrupted.");
  verify->add_option("ids", v.ids, "theorem ids");
  verify->add_flag("--all", v.all, "every registered theorem");
  verify->add_option("--tier", v.tier, "quick or full")->default_val("quick");
  // Read as text: CLI11 would wrap -1 to 2^64 - 1 and saturate what overflows.
  std::string seed_text = std::to_string(v.options.seed);
  auto* seed =
      verify->add_option("--seed", seed_text, "suite seed (0 to 2^64 - 1)")->default_val(seed_text);
  auto* seeds =
      verify->add_option("--seeds", v.seeds,
                         "seed sweep: run once per suite seed, A..B (inclusive), A,B,C or a mix; "
                         "the results are the first seed's with each claim's stability");
  verify
      ->add_option("--jobs", v.options.jobs,
                   "threads for trials (1 to " + std::to_string(kMaxJobs) + ")")
      ->default_val(1);
  verify->add_option("--set", v.sets, "THEOREM.PARAM=VALUE (repeatable)");
  verify->add_option("--report", v.report_dir,
                     "write the markdown report into DIR (checked before the first claim runs)");
  verify->add_option("--json", v.json_file,
                     "write the results JSON into FILE (checked before the first claim runs)");
  verify->add_flag("--resume", v.resume,
                   "take the claims an interrupted run decided from its journal (FILE.journal "
                   "beside --json FILE, else DIR.journal beside --report DIR) and run the rest");
  verify->add_option("--shard", v.shard, "run shard I of N (I/N, 0-based)")->default_val("0/1");
  verify->add_option("--controls", v.controls, "include, only or exclude controls")
      ->default_val("include");
  verify->add_option("--claim", v.options.only_claims, "only these claim ids (repeatable)");
  bool quiet = false;
  verify->add_flag("--quiet", quiet, "no progress on stderr");
  bool no_search = false;
  verify->add_flag(
      "--no-search", no_search,
      "sampling alone: no worst-case search for inequality claims (to see what the search adds)");

  std::string token;
  auto* replay =
      app.add_subcommand("replay", "rerun a counterexample or failing trial from its token");
  replay->add_option("token", token, "replay token (thm1....)")->required();

  auto hbm_params = cli::add_hbm_params(app);
  auto simulate = cli::add_simulate(app);

  cli::ReportArgs report_args;
  auto* report =
      app.add_subcommand("report", "merge results files (shards) and write the markdown report");
  report->add_option("--from", report_args.from, "results files written by verify --json")
      ->required();
  report->add_option("--out", report_args.out, "report folder")->required();

  std::string new_id, new_dir;
  auto* create =
      app.add_subcommand("new", "write theorems/ID.cpp from a template that compiles and verifies");
  create->add_option("id", new_id, "theorem id, kebab-case")->required();
  create->add_option("--dir", new_dir,
                     "the theorems folder (default: theorems/ of the project containing the "
                     "current directory, whose CMakeLists.txt calls thmcheck_add_theorems)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 64;
  }
  try {
    if (*list) return cli::list(list_json);
    if (*explain) return cli::explain(explain_id, explain_from);
    if (*verify) {
      v.options.progress = !quiet;
      v.options.search = !no_search;
      v.seed_given = seed->count() > 0;
      v.seeds_given = seeds->count() > 0;
      v.program = std::filesystem::path(argv[0]).filename().string();
      v.options.seed = parse_seed_option(seed_text, "--seed");
      v.json_given = verify->count("--json") > 0;
      v.report_given = verify->count("--report") > 0;
      return cli::verify(v);
    }
    if (*replay) return cli::replay(token);
    if (*create) return cli::new_theorem(new_id, new_dir);
    if (*report) return cli::report(report_args);
    if (*hbm_params.app) return hbm_params.run();
    if (*simulate.app) return simulate.run();
  } catch (const InputError& e) {
    std::fprintf(stderr, "thmcheck: %s\n", e.what());
    return 64;
  } catch (const std::bad_alloc&) {
    std::fprintf(stderr,
                 "thmcheck: out of memory (the input asks for more than this machine has)\n");
    return 70;
  } catch (const std::exception& e) {
    // What validation missed: a message and EX_SOFTWARE rather than an abort.
    std::fprintf(stderr, "thmcheck: internal error: %s\n", e.what());
    return 70;
  }
  return 64;
}
