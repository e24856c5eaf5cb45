// The smallest libkraft program: print the SDK's version.
// Build against an installed kraft with find_package(kraft) and kraft::kraft.
#include <kraft/kraft.h>

#include <iostream>

int main() {
  std::cout << "libkraft " << kraft::version() << "\n";
  return 0;
}
