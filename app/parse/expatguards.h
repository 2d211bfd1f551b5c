#pragma once

#include <string_view>

struct XML_ParserStruct; // Expat's parser (expat.h stays out of this header)

// The one way BounceDesk makes an Expat parser, so every XML body it reads — bounce lists,
// customer lists, delete results, error answers — is read under the same guards: names are
// namespace-aware (matched on their local part), an external DTD or parameter entity is never
// read, a reference to an external general entity is an error (a reader may install its own
// handler to say so in its words), and entity expansion is capped (Expat's billion-laughs
// protection). Input is UTF-8: XmlTextDecoder turns whatever the server sent into it first.
namespace ExpatGuards {

XML_ParserStruct *createParser(); // free with XML_ParserFree

// The local part of a name as the parser hands it out ("uri\1local" or "local").
std::string_view localName(std::string_view name);

} // namespace ExpatGuards
