#pragma once
/// Umbrella header of the libkraft SDK.
#include <kraft/core/error.h>
#include <kraft/version.h>
