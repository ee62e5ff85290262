// UdpServer: one agent UDP port. A reader thread receives datagrams (up to max_packet_size bytes; longer ones
// are truncated by the kernel and rejected by the decoder) into a bounded queue of server_queue_size packets;
// `workers` threads hand each packet to the handler. A full queue drops the packet (counted). Metrics under
// Jaeger's names with labels {model, protocol}:
//   jaeger_agent_thrift_udp_server_packets_processed_total, ..._packets_dropped_total, ..._read_errors_total,
//   gauges ..._packet_size and ..._queue_size.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "backend/common/metrics.hpp"

namespace peregrine::agent {

struct UdpServerOptions {
  std::string host_port;            // ":6831", "127.0.0.1:0"
  size_t queue_size = 1000;         // --processor.<name>.server-queue-size
  int workers = 10;                 // --processor.<name>.workers
  size_t max_packet_size = 65000;   // --processor.<name>.server-max-packet-size
  std::string model = "jaeger";     // metric labels
  std::string protocol = "compact";
};

using PacketHandler = std::function<void(std::string_view packet)>;

class UdpServer {
 public:
  UdpServer(UdpServerOptions options, PacketHandler handler, common::MetricsRegistry& metrics);
  ~UdpServer();  // stops
  UdpServer(const UdpServer&) = delete;
  UdpServer& operator=(const UdpServer&) = delete;

  void start();  // binds; throws std::runtime_error when the address cannot be bound
  uint16_t port() const { return port_; }
  // Stops reading, lets workers finish the queued packets, joins threads. Idempotent.
  void stop();

 private:
  void read_loop();
  void work_loop();

  UdpServerOptions options_;
  PacketHandler handler_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> running_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> queue_;
  bool draining_ = false;
  std::thread reader_;
  std::vector<std::thread> workers_;
  common::Counter& processed_;
  common::Counter& dropped_;
  common::Counter& read_errors_;
  common::Gauge& packet_size_;
  common::Gauge& queue_size_;
};

}  // namespace peregrine::agent
