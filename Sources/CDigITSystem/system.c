// The functions are inline in digit_system.h; a C target needs one source file.
#include "digit_system.h"
