// peregrine-es-double: the Elasticsearch test double as a process (see es_double.hpp for what it emulates).
//   peregrine-es-double [--listen=127.0.0.1:0] [--ports-file=PATH] [--version=7.17.9]
//                       [--distribution=elasticsearch|opensearch] [--basic-auth=user:pass] [--bearer-token=T]
//                       [--tls-cert=PEM --tls-key=PEM [--tls-client-ca=PEM]]   (HTTPS; client certs required
//                                                                                with a client CA)
// Once listening it writes {"http": <port>} to --ports-file (atomically) so tests never guess ports or sleep,
// then serves until SIGTERM / SIGINT.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <unistd.h>

#include "tests/es-double/es_double.hpp"
#include "tests/es-double/sync_http_server.hpp"

using namespace peregrine::esdouble;

namespace {

bool take(const std::string& arg, const char* name, std::string* out) {
  const std::string prefix = std::string("--") + name + "=";
  if (arg.rfind(prefix, 0) != 0) return false;
  *out = arg.substr(prefix.size());
  return true;
}

void write_ports_file(const std::string& path, uint16_t port) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    out << "{\"http\":" << port << "}\n";
  }
  std::rename(tmp.c_str(), path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  DoubleOptions opts;
  std::string listen = "127.0.0.1:0", ports_file, distribution = "elasticsearch";
  peregrine::common::TlsServerSettings tls;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (take(a, "listen", &listen) || take(a, "ports-file", &ports_file) || take(a, "version", &opts.version) ||
        take(a, "distribution", &distribution) || take(a, "basic-auth", &opts.basic_auth) ||
        take(a, "bearer-token", &opts.bearer_token) || take(a, "tls-cert", &tls.cert_file) ||
        take(a, "tls-key", &tls.key_file) || take(a, "tls-client-ca", &tls.client_ca_file))
      continue;
    std::cerr << "unknown argument " << a << "\n";
    return 2;
  }
  if (distribution != "elasticsearch" && distribution != "opensearch") {
    std::cerr << "--distribution must be elasticsearch or opensearch\n";
    return 2;
  }
  opts.opensearch = distribution == "opensearch";
  tls.enabled = !tls.cert_file.empty() || !tls.key_file.empty();
  if (tls.enabled && (tls.cert_file.empty() || tls.key_file.empty())) {
    std::cerr << "--tls-cert and --tls-key go together\n";
    return 2;
  }
  const size_t colon = listen.rfind(':');
  const std::string host = colon == std::string::npos ? "127.0.0.1" : listen.substr(0, colon);
  const uint16_t port = static_cast<uint16_t>(std::atoi(listen.substr(colon + 1).c_str()));

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // threads inherit the mask; main waits below

  EsDouble es(opts);
  SyncHttpServer server(host, port, [&es](const Request& r) { return es.handle(r); }, tls);
  try {
    server.start();
  } catch (const std::exception& e) {
    std::cerr << "cannot listen on " << listen << ": " << e.what() << "\n";
    return 1;
  }
  std::cerr << "peregrine-es-double (" << distribution << " " << opts.version << ") listening on "
            << (tls.enabled ? "https://" : "http://") << host << ":" << server.port() << std::endl;
  if (!ports_file.empty()) write_ports_file(ports_file, server.port());
  int sig = 0;
  sigwait(&signals, &sig);
  std::cerr << "peregrine-es-double stopping on signal " << sig << std::endl;
  std::fflush(nullptr);
  _exit(0);  // connection threads are detached; no orderly teardown needed for a test process
}
