# Jaeger remote sampling (sampling.thrift), written from the public Jaeger IDL: same names and field ids. The
# JSON served on the agent's 5778 port mirrors these structs.

namespace cpp peregrine.thrift_idl.sampling

enum SamplingStrategyType { PROBABILISTIC, RATE_LIMITING }

struct ProbabilisticSamplingStrategy {
  1: required double samplingRate
}

struct RateLimitingSamplingStrategy {
  1: required i16 maxTracesPerSecond
}

struct OperationSamplingStrategy {
  1: required string operation
  2: required ProbabilisticSamplingStrategy probabilisticSampling
}

struct PerOperationSamplingStrategies {
  1: required double defaultSamplingProbability
  2: required double defaultLowerBoundTracesPerSecond
  3: required list<OperationSamplingStrategy> perOperationStrategies
  4: optional double defaultUpperBoundTracesPerSecond
}

struct SamplingStrategyResponse {
  1: required SamplingStrategyType strategyType
  2: optional ProbabilisticSamplingStrategy probabilisticSampling
  3: optional RateLimitingSamplingStrategy rateLimitingSampling
  4: optional PerOperationSamplingStrategies operationSampling
}

service SamplingManager {
  SamplingStrategyResponse getSamplingStrategy(1: string serviceName)
}
