#pragma once

class QNetworkAccessManager;
class QObject;

// A QNetworkAccessManager as every call to the API needs it: it refuses redirects (one would
// carry the credentials away) and reads plain HTTP buffered (BufferedPlainHttpProxyFactory).
QNetworkAccessManager *newApiNetworkManager(QObject *parent);
