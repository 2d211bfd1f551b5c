#include "errorbanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

ErrorBanner::ErrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
    , m_close(new QToolButton(this)) {
    setObjectName(QStringLiteral("errorBanner"));
    setAccessibleName(tr("Error message"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    // Soft tints derived from the palette, so dark themes stay readable: red for errors,
    // blue for notices.
    const auto tinted = [this](const QColor &colour) {
        QPalette result = palette();
        const QColor base = result.color(QPalette::Window);
        result.setColor(QPalette::Window,
                        QColor::fromRgbF(0.82 * base.redF() + 0.18 * colour.redF(),
                                         0.82 * base.greenF() + 0.18 * colour.greenF(),
                                         0.82 * base.blueF() + 0.18 * colour.blueF()));
        return result;
    };
    m_alertPalette = tinted(QColor(220, 53, 69));
    m_noticePalette = tinted(QColor(13, 110, 253));
    setPalette(m_alertPalette);
    m_icon->setAlignment(Qt::AlignTop);

    // The server's words are untrusted: never let QLabel guess they are rich text.
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setObjectName(QStringLiteral("errorBannerText"));
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    m_action->setObjectName(QStringLiteral("errorBannerAction"));
    m_close->setObjectName(QStringLiteral("errorBannerDismiss"));
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss the error message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 6, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action, 0, Qt::AlignTop);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_action, &QPushButton::clicked, this, &ErrorBanner::runAction);
    connect(m_close, &QToolButton::clicked, this, &ErrorBanner::dismiss);
    hide();
}

ErrorBanner::~ErrorBanner() = default;

void ErrorBanner::showError(const QString &message, std::function<void()> action,
                            const QString &actionText) {
    present(message, std::move(action), actionText, false);
}

void ErrorBanner::showNotice(const QString &message, std::function<void()> action,
                             const QString &actionText) {
    present(message, std::move(action), actionText, true);
}

void ErrorBanner::present(const QString &message, std::function<void()> action,
                          const QString &actionText, bool notice) {
    m_notice = notice;
    setPalette(notice ? m_noticePalette : m_alertPalette);
    setAccessibleName(notice ? tr("Notice") : tr("Error message"));
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(
        style()
            ->standardIcon(notice ? QStyle::SP_MessageBoxInformation : QStyle::SP_MessageBoxWarning)
            .pixmap(iconSize));
    m_text->setText(message);
    m_text->setAccessibleDescription(message);
    m_callback = std::move(action);
    m_action->setText(actionText.isEmpty() ? tr("&Retry") : actionText);
    m_action->setVisible(bool(m_callback));
    QFrame::show();
}

void ErrorBanner::dismiss() {
    if (isHidden())
        return;
    hide();
    m_callback = nullptr;
    Q_EMIT dismissed();
}

QString ErrorBanner::message() const {
    return isHidden() ? QString() : m_text->text();
}

void ErrorBanner::runAction() {
    // The action may show a new error (e.g. Retry fails at once), so hide first.
    auto callback = std::move(m_callback);
    m_callback = nullptr;
    hide();
    if (callback)
        callback();
}
