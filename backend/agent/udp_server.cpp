// UDP server with a bounded packet queue and worker threads (see udp_server.hpp).
#include "backend/agent/udp_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "backend/common/http_server.hpp"

namespace peregrine::agent {
namespace {

common::Labels labels_of(const UdpServerOptions& o) { return {{"model", o.model}, {"protocol", o.protocol}}; }

}  // namespace

UdpServer::UdpServer(UdpServerOptions options, PacketHandler handler, common::MetricsRegistry& metrics)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      processed_(metrics.counter("jaeger_agent_thrift_udp_server_packets_processed_total",
                                 "Number of UDP packets processed by the agent", labels_of(options_))),
      dropped_(metrics.counter("jaeger_agent_thrift_udp_server_packets_dropped_total",
                               "Number of UDP packets dropped because the server queue was full", labels_of(options_))),
      read_errors_(metrics.counter("jaeger_agent_thrift_udp_server_read_errors_total",
                                   "Number of UDP read errors", labels_of(options_))),
      packet_size_(metrics.gauge("jaeger_agent_thrift_udp_server_packet_size", "Size of the last UDP packet received",
                                 labels_of(options_))),
      queue_size_(metrics.gauge("jaeger_agent_thrift_udp_server_queue_size", "Packets waiting in the server queue",
                                labels_of(options_))) {
  if (options_.workers < 1) options_.workers = 1;
  if (options_.queue_size < 1) options_.queue_size = 1;
  if (options_.max_packet_size < 1) options_.max_packet_size = 65000;
}

UdpServer::~UdpServer() { stop(); }

void UdpServer::start() {
  if (running_) return;
  auto [host, port] = common::split_host_port(options_.host_port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  std::string port_text = std::to_string(port);
  if (getaddrinfo(host.empty() ? nullptr : host.c_str(), port_text.c_str(), &hints, &res) != 0 || !res)
    throw std::runtime_error("udp: cannot resolve " + options_.host_port);
  int fd = -1;
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) continue;
    int rcvbuf = 4 << 20;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
    ::close(fd);
    fd = -1;
  }
  freeaddrinfo(res);
  if (fd < 0) throw std::runtime_error("udp: cannot bind " + options_.host_port + ": " + std::strerror(errno));
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
  port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                             : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
  fd_ = fd;
  draining_ = false;
  running_ = true;
  for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { work_loop(); });
  reader_ = std::thread([this] { read_loop(); });
}

void UdpServer::read_loop() {
  std::string buffer(options_.max_packet_size, '\0');
  while (running_) {
    pollfd p{fd_, POLLIN, 0};
    int ready = ::poll(&p, 1, 100);
    if (ready <= 0) continue;
    ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), MSG_TRUNC);
    if (n < 0) {
      if (errno != EINTR && errno != EAGAIN) read_errors_.inc();
      continue;
    }
    if (static_cast<size_t>(n) > buffer.size()) {  // truncated: larger than the configured maximum
      read_errors_.inc();
      continue;
    }
    packet_size_.set(static_cast<double>(n));
    std::unique_lock<std::mutex> lock(mu_);
    if (queue_.size() >= options_.queue_size) {
      lock.unlock();
      dropped_.inc();
      continue;
    }
    queue_.emplace_back(buffer.data(), static_cast<size_t>(n));
    queue_size_.set(static_cast<double>(queue_.size()));
    lock.unlock();
    cv_.notify_one();
  }
}

void UdpServer::work_loop() {
  for (;;) {
    std::string packet;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return !queue_.empty() || draining_; });
      if (queue_.empty()) return;
      packet = std::move(queue_.front());
      queue_.pop_front();
      queue_size_.set(static_cast<double>(queue_.size()));
    }
    handler_(packet);
    processed_.inc();
  }
}

void UdpServer::stop() {
  if (!running_.exchange(false)) return;
  if (reader_.joinable()) reader_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    draining_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_)
    if (w.joinable()) w.join();
  workers_.clear();
  ::close(fd_);
  fd_ = -1;
}

}  // namespace peregrine::agent
