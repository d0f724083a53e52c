#include <cstdlib>
#include <set>

#include "thmcheck/harness/distributed.hpp"
#include "thmcheck/harness/merge.hpp"
#include "thmcheck/harness/registry.hpp"

#ifdef THMCHECK_WITH_MPI
// The C API only: the deprecated C++ bindings do not compile warning-free.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace thmcheck {

namespace {

#ifdef THMCHECK_WITH_MPI
bool launched_by_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(v)) return true;
  return false;
}
#endif

[[maybe_unused]] bool g_initialized = false;

}  // namespace

MpiSession::MpiSession([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef THMCHECK_WITH_MPI
  if (launched_by_mpirun()) {
    int provided = 0;
    // Trials inside a rank use OpenMP threads; MPI is called from the main thread only.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    g_initialized = true;
  }
#endif
}

MpiSession::~MpiSession() {
#ifdef THMCHECK_WITH_MPI
  if (g_initialized) MPI_Finalize();
  g_initialized = false;
#endif
}

int mpi_rank() {
  int r = 0;
#ifdef THMCHECK_WITH_MPI
  if (g_initialized) MPI_Comm_rank(MPI_COMM_WORLD, &r);
#endif
  return r;
}

int mpi_ranks() {
  int n = 1;
#ifdef THMCHECK_WITH_MPI
  if (g_initialized) MPI_Comm_size(MPI_COMM_WORLD, &n);
#endif
  return n;
}

bool mpi_enabled() { return mpi_ranks() > 1; }

SuiteResult run_suite_distributed(const std::vector<std::string>& ids, RunOptions o) {
  if (!mpi_enabled()) return run_suite(ids, o);
#ifndef THMCHECK_WITH_MPI
  return run_suite(ids, o);
#else
  const int rank = mpi_rank(), R = mpi_ranks();
  const Shard user = o.shard;
  // Shard I + N r of N R, r = 0..R-1, partition shard I of N (g = I + N r mod N R iff g = I mod N).
  o.shard = Shard{user.index + user.count * rank, user.count * R};
  if (rank != 0) o.progress = false;
  SuiteResult mine = run_suite(ids, o);

  // Gather the parts as JSON text at rank 0.
  const std::string text = to_json(mine).dump();
  int len = int(text.size());
  std::vector<int> lens(static_cast<std::size_t>(R)), offsets(static_cast<std::size_t>(R));
  MPI_Gather(&len, 1, MPI_INT, lens.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  std::string all;
  if (rank == 0) {
    long total = 0;
    for (int r = 0; r < R; ++r) offsets[std::size_t(r)] = int(total), total += lens[std::size_t(r)];
    all.resize(std::size_t(total));
  }
  MPI_Gatherv(text.data(), len, MPI_CHAR, all.data(), lens.data(), offsets.data(), MPI_CHAR, 0,
              MPI_COMM_WORLD);
  if (rank != 0) return mine;

  // Merge in the order run_suite uses: the requested theorems in order, claims as their files add
  // them.
  SuiteOrder order;
  std::set<std::string> seen;
  for (const auto& id : ids) {
    if (!seen.insert(id).second) continue;
    std::vector<std::string> claims;
    for (const auto& c : Registry::global().make(id).claims) claims.push_back(c.id());
    order.emplace_back(id, std::move(claims));
  }
  std::vector<ResultsPart> parts;
  for (int r = 0; r < R; ++r) {
    ResultsPart p;
    p.name = "MPI rank " + std::to_string(r);
    p.result = suite_result_from_json(nlohmann::json::parse(
        all.substr(std::size_t(offsets[std::size_t(r)]), std::size_t(lens[std::size_t(r)]))));
    p.result.provenance["shard"] =
        std::to_string(r) + "/" + std::to_string(R);  // the ranks partition the run
    parts.push_back(std::move(p));
  }
  SuiteResult merged = merge_results(parts, order);
  merged.provenance = mine.provenance;
  merged.provenance["shard"] = std::to_string(user.index) + "/" + std::to_string(user.count);
  merged.provenance["mpi_ranks"] = R;
  return merged;
#endif
}

}  // namespace thmcheck
