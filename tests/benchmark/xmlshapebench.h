#pragma once

#include "benchrunner.h"

// The XML bounce parser on bodies of hostile shape, fed in 16 KB chunks as the network would
// hand them over: one tag with `rows` attributes, and `rows` elements nested in one another.
// Each is timed in CPU time of the parsing thread (ms, and MB/s, which stay flat from size to
// size when the reading is linear in the body's size) and checked: the two rows around the shape
// come out, the list is complete. Samples "xmlShapes.<shape>.ms", ".mbps" and ".correct" go
// into `result`.
void measureXmlShapes(qsizetype rows, SizeResult *result);
