// Test PKI made at test time (OpenSSL C API, ECDSA P-256, one day of validity) in a fresh temporary directory that
// is removed again: a CA with a server certificate for localhost / 127.0.0.1 / ::1 and a client certificate, plus an
// unrelated "other" CA with its own client certificate, to test that the wrong CA is refused. Nothing is checked in.
#pragma once
#include <string>

namespace peregrine::testing {

class TestCertificates {
 public:
  TestCertificates();   // creates the directory and every file below
  ~TestCertificates();  // removes the directory
  TestCertificates(const TestCertificates&) = delete;
  TestCertificates& operator=(const TestCertificates&) = delete;

  const std::string& dir() const { return dir_; }

  // Issued by the CA in ca_file.
  std::string ca_file;
  std::string server_cert_file;  // CN "peregrine-test-server", SANs localhost, 127.0.0.1, ::1
  std::string server_key_file;
  std::string client_cert_file;  // CN "peregrine-test-client", extendedKeyUsage clientAuth
  std::string client_key_file;
  // Issued by the unrelated CA in other_ca_file.
  std::string other_ca_file;
  std::string other_client_cert_file;
  std::string other_client_key_file;

  // Issues a new server certificate (same SANs) with this common name from the CA and replaces server_cert_file
  // and server_key_file in place (each written to a temporary name, then renamed), as a rotation would.
  void rotate_server_certificate(const std::string& common_name);

 private:
  std::string dir_;
};

// Writes the same files as TestCertificates into an existing directory (for the peregrine-test-certificates tool):
// ca.pem (and ca-key.pem), server.pem, server-key.pem, client.pem, client-key.pem, other-ca.pem, other-client.pem,
// other-client-key.pem.
void write_test_certificates(const std::string& dir);

// The subject common name of the first certificate in a PEM text ("" when there is none).
std::string certificate_common_name(const std::string& pem);

}  // namespace peregrine::testing
