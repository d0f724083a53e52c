// The tools a researcher uses beside verify: `thmcheck hbm-params` (the spectral quantities of
// minibatch heavy ball, docs/theory/minibatch-hbm.md, for a spectrum recipe or a matrix file) and
// `thmcheck simulate METHOD` (quantiles of the error curves of gd, hbm, rk, minibatch-sgd and
// minibatch-hbm). Each registers its
// subcommand on the app and returns a runner for main() to call when the subcommand was chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace thmcheck::cli {

struct Subcommand {
  CLI::App* app = nullptr;
  std::function<int()> run;  // the exit code; throws InputError on bad input (exit 64 in main)
};

Subcommand add_hbm_params(CLI::App& app);
Subcommand add_simulate(CLI::App& app);

}  // namespace thmcheck::cli
