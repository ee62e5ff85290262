// peregrine-test-certificates DIR: writes the test PKI of test_certificates.hpp into the existing directory DIR
// (ca.pem, server.pem, server-key.pem, client.pem, client-key.pem, other-*.pem), for interop tests in Node.
#include <exception>
#include <iostream>

#include "tests/support/test_certificates.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: peregrine-test-certificates DIR\n";
    return 2;
  }
  try {
    peregrine::testing::write_test_certificates(argv[1]);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
  return 0;
}
