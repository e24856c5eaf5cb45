#pragma once
/// Umbrella header of the libkraft SDK.
#include <kraft/core/error.h>
#include <kraft/core/log.h>
#include <kraft/core/secret.h>
#include <kraft/version.h>
