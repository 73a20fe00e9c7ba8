// What the exercise programs include, parsed once for all of them.
#pragma once

#include <chan/chan.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>
