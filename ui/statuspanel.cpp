#include "statuspanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

StatusPanel::StatusPanel(QAction *cancel, QWidget *parent)
    : QWidget(parent)
    , m_activity(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
    , m_counts(new QLabel(this))
    , m_loaded(new QLabel(this)) {
    setObjectName(QStringLiteral("statusPanel"));
    // Customer names end up in these labels: plain text only.
    for (QLabel *label : {m_activity, m_counts, m_loaded})
        label->setTextFormat(Qt::PlainText);
    m_activity->setAccessibleName(tr("Activity"));
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_cancel->setDefaultAction(cancel);
    m_cancel->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_cancel->setAutoRaise(true);
    m_counts->setAccessibleName(tr("Row counts"));
    m_loaded->setAccessibleName(tr("Loaded at"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addWidget(m_activity);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    layout->addWidget(m_counts);
    layout->addWidget(m_loaded);
    hideActivity();
}

StatusPanel::~StatusPanel() = default;

void StatusPanel::showActivity(const QString &text, int done, int total) {
    m_activity->setText(text);
    m_progress->setRange(0, total);
    m_progress->setValue(total > 0 ? done : 0);
    m_activity->show();
    m_progress->show();
    m_cancel->show();
}

void StatusPanel::hideActivity() {
    m_activity->hide();
    m_progress->hide();
    m_cancel->hide();
}

bool StatusPanel::isActive() const {
    return !m_activity->isHidden();
}

void StatusPanel::setCounts(qsizetype total, qsizetype shown, qsizetype selected) {
    const QLocale locale;
    m_counts->setText(
        tr("Total: %1   Shown: %2   Selected: %3")
            .arg(locale.toString(total), locale.toString(shown), locale.toString(selected)));
}

void StatusPanel::setLoadedAt(const QDateTime &at) {
    m_loaded->setText(at.isValid() ? tr("Loaded at %1").arg(at.toString(QStringLiteral("HH:mm")))
                                   : QString());
}

QString StatusPanel::text() const {
    const QString text = m_counts->text() + QStringLiteral("   ") + m_loaded->text();
    return text.trimmed();
}
