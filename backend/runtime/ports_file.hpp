// Ports file: once every server of a binary is listening, its bound ports are written as a JSON object
// (e.g. {"otlp_grpc":4317,"query_http":16686}) to --peregrine.ports-file. Tests start binaries with every port
// on ":0" and read this file to learn where to connect (readiness without sleeps).
#pragma once
#include <cstdint>
#include <map>
#include <string>

namespace peregrine::runtime {

// Writes atomically (temp file + rename). Throws std::runtime_error on I/O failure.
void write_ports_file(const std::string& path, const std::map<std::string, uint16_t>& ports);

}  // namespace peregrine::runtime
