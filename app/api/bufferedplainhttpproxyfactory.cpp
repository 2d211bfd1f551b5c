#include "bufferedplainhttpproxyfactory.h"

QList<QNetworkProxy> BufferedPlainHttpProxyFactory::queryProxy(const QNetworkProxyQuery &query) {
    QList<QNetworkProxy> proxies = QNetworkProxyFactory::proxyForQuery(query);
    const bool direct = proxies.isEmpty() ||
                        (proxies.size() == 1 && proxies.front().type() == QNetworkProxy::NoProxy);
    if (direct && query.queryType() == QNetworkProxyQuery::UrlRequest &&
        query.url().scheme() == QLatin1String("http"))
        return {QNetworkProxy(QNetworkProxy::DefaultProxy)};
    return proxies;
}
