// Runs beyond one process: with an Open MPI build (-DTHMCHECK_MPI=ON) launched by mpirun, the
// claims of a verify run are split across the ranks (rank r of R runs shard I + N r of N R when the
// user asked for shard I/N, which partitions shard I/N) and rank 0 gathers and merges them. Every
// trial's engine is seeded from (suite seed, theorem, claim, instance, trial), never from the rank,
// so the merged results equal the single-process run apart from timings. Without MPI (or without
// mpirun) this is run_suite.
#pragma once

#include <string>
#include <vector>

#include "thmcheck/harness/runner.hpp"

namespace thmcheck {

// Initializes MPI for the program's lifetime when built with MPI and started by mpirun (an MPI
// launcher's environment is present); otherwise does nothing. Construct one at the top of main().
class MpiSession {
 public:
  MpiSession(int& argc, char**& argv);
  ~MpiSession();
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

int mpi_rank();      // 0 without MPI
int mpi_ranks();     // 1 without MPI
bool mpi_enabled();  // built with MPI and running under a launcher with more than one rank

// run_suite on this rank's share; rank 0 returns the merged results of all ranks (with provenance
// "mpi_ranks"), the other ranks return their own part (which the caller should not print or write).
SuiteResult run_suite_distributed(const std::vector<std::string>& theorem_ids, RunOptions options);

}  // namespace thmcheck
