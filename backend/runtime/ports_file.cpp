// Atomic JSON ports-file writer.
#include "backend/runtime/ports_file.hpp"

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace peregrine::runtime {

void write_ports_file(const std::string& path, const std::map<std::string, uint16_t>& ports) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, port] : ports) j[name] = port;
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write ports file " + tmp);
    out << j.dump() << '\n';
    if (!out.flush()) throw std::runtime_error("cannot write ports file " + tmp);
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename ports file to " + path);
}

}  // namespace peregrine::runtime
