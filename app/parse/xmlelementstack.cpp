#include "xmlelementstack.h"

#include "parsertext.h"

#include <algorithm>

namespace {

constexpr std::string_view xmlUri("http://www.w3.org/XML/1998/namespace");
constexpr std::string_view xmlnsUri("http://www.w3.org/2000/xmlns/");

bool isDeclaration(std::string_view name) {
    return name == "xmlns" || name.substr(0, 6) == "xmlns:";
}

// Names are short: a plain loop beats a call to memchr.
std::size_t colonIn(std::string_view name) {
    const std::size_t at = std::size_t(std::find(name.begin(), name.end(), ':') - name.begin());
    return at == name.size() ? std::string_view::npos : at;
}

std::string_view prefixOf(std::string_view name) {
    const std::size_t colon = colonIn(name);
    return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

QString shown(std::string_view name) {
    return ParserText::excerpt(QByteArrayView(name.data(), qsizetype(name.size())), 40);
}

} // namespace

std::string_view XmlElementStack::localName(std::string_view qualifiedName) {
    const std::size_t colon = colonIn(qualifiedName);
    return colon == std::string_view::npos ? qualifiedName : qualifiedName.substr(colon + 1);
}

const std::string *XmlElementStack::uriFor(std::string_view prefix) const {
    for (auto it = m_namespaces.rbegin(); it != m_namespaces.rend(); ++it) {
        if (it->prefix == prefix)
            return &it->uri;
    }
    static const std::string xml(xmlUri); // immutable: safe from any thread
    return prefix == "xml" ? &xml : nullptr;
}

QString XmlElementStack::open(std::string_view name,
                              const std::vector<XmlTagReader::Attribute> &attributes) {
    m_namespaceMarks.push_back(m_namespaces.size());
    m_starts.push_back(m_names.size());
    m_names.append(name);
    if (attributes.empty() && colonIn(name) == std::string_view::npos)
        return {}; // the common case: nothing to resolve
    QString problem = declareNamespaces(attributes);
    const std::string_view prefix = prefixOf(name);
    if (problem.isEmpty() && !prefix.empty() && !uriFor(prefix))
        problem = QStringLiteral("Namespace prefix '%1' not declared").arg(shown(prefix));
    return problem.isEmpty() ? checkAttributes(attributes) : problem;
}

QString XmlElementStack::declareNamespaces(const std::vector<XmlTagReader::Attribute> &attributes) {
    for (const XmlTagReader::Attribute &attribute : attributes) {
        if (!isDeclaration(attribute.name))
            continue;
        const std::string &uri = attribute.value;
        if (attribute.name == "xmlns") {
            // A default namespace: never needed to resolve a prefix, only checked.
            if (uri == xmlnsUri || uri == xmlUri)
                return QStringLiteral("Illegal namespace declaration.");
            continue;
        }
        const std::string_view prefix = std::string_view(attribute.name).substr(6);
        if ((prefix == "xml") != (uri == xmlUri) || uri == xmlnsUri || uri.empty() ||
            prefix == "xmlns")
            return QStringLiteral("Illegal namespace declaration.");
        m_namespaces.push_back(Namespace{std::string(prefix), uri});
    }
    return {};
}

QString
XmlElementStack::checkAttributes(const std::vector<XmlTagReader::Attribute> &attributes) const {
    static const std::string none;
    std::vector<const std::string *> uris(attributes.size(), &none);
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        const std::string_view name = attributes[i].name;
        if (isDeclaration(name))
            continue;
        const std::string_view prefix = prefixOf(name);
        if (!prefix.empty()) {
            uris[i] = uriFor(prefix);
            if (!uris[i])
                return QStringLiteral("Namespace prefix '%1' not declared").arg(shown(prefix));
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (!isDeclaration(attributes[j].name) &&
                localName(attributes[j].name) == localName(name) && *uris[j] == *uris[i])
                return QStringLiteral("Attribute '%1' redefined.").arg(shown(name));
        }
    }
    return {};
}

bool XmlElementStack::close(std::string_view name) {
    if (m_starts.empty() || std::string_view(m_names).substr(m_starts.back()) != name)
        return false;
    m_names.resize(m_starts.back());
    m_starts.pop_back();
    m_namespaces.resize(m_namespaceMarks.back());
    m_namespaceMarks.pop_back();
    return true;
}
