#pragma once

// Only for the XML bounce parser, which includes this while it is being rewritten: every other
// file names the header it uses. Remove once app/parse/xmlbounceparser.cpp includes these.
#include "apierrorshapes.h"
#include "bodysyntax.h"
#include "contenttype.h"
#include "customerparser.h"
#include "deleteresultparser.h"
#include "utf8repair.h"
