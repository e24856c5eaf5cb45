#include <kraft/version.h>

namespace kraft {
const char* version() noexcept { return KRAFT_VERSION_STRING; }
}  // namespace kraft
