// Adaptive sampling's throughput data (plain data): per service and operation, how many probabilistically sampled
// root spans were seen in one aggregation interval and which sampling probabilities their samplers reported.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

namespace peregrine::sampling {

struct OperationThroughput {
  int64_t count = 0;                    // root spans sampled with sampler.type=probabilistic
  std::set<std::string> probabilities;  // sampler.param values seen, as truncate_probability() strings (<= 10)
  bool operator==(const OperationThroughput&) const = default;
};

// service → operation → throughput. std::less<> allows lookups by string_view without building a key.
using OperationThroughputs = std::map<std::string, OperationThroughput, std::less<>>;
using ServiceOperationThroughput = std::map<std::string, OperationThroughputs, std::less<>>;

// service → operation → a number (a probability, or a QPS).
using ServiceOperationValues = std::map<std::string, std::map<std::string, double>>;

// One calculation interval's throughput: `interval` is the time it covers (throughput / interval = QPS).
struct ThroughputBucket {
  ServiceOperationThroughput throughput;
  std::chrono::nanoseconds interval{0};
};

// At most this many distinct probabilities are remembered per operation and interval (Jaeger's cap).
inline constexpr size_t kMaxProbabilitiesPerOperation = 10;

// A probability as the key Jaeger uses for it: fixed notation with 6 decimals ("0.001000").
std::string truncate_probability(double probability);

}  // namespace peregrine::sampling
