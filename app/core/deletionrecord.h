#pragma once

#include "deletionentry.h"

#include <QList>
#include <QString>

// The local, append-only record of every delete outcome (the providers' APIs keep none):
// one JSON object per line (DeletionEntry) in $XDG_DATA_HOME/BounceDesk/deletions.jsonl, by
// default ~/.local/share/BounceDesk/deletions.jsonl. The window and the command line append
// to it before they show an outcome; `bouncedesk history` and Tools → Deletion history read
// it (DeletionRecordReader).
//
// Each append (of one entry, or of the outcomes that arrived together) opens the file in append
// mode (mode 0600, the folder 0700 when it is created; a symbolic link at the file's place is
// refused), writes all its lines in one write, syncs them to disk once and closes it. An
// O_APPEND write on a local file system lands whole after whatever is there, so several
// processes may append at once and their lines never mix; a crash loses nothing confirmed.
// One sync per batch, not per line: a v3 read-back confirms hundreds of addresses at once.
class DeletionRecord final {
public:
    explicit DeletionRecord(QString path = defaultPath());

    // $XDG_DATA_HOME/BounceDesk/deletions.jsonl when XDG_DATA_HOME is an absolute path (the
    // XDG rule), else $HOME/.local/share/BounceDesk/deletions.jsonl. Under
    // QStandardPaths::setTestModeEnabled(true) the test location instead.
    static QString defaultPath();
    QString path() const { return m_path; }

    // Appends `entry`; an empty time, user or host is filled in (now, currentUser(),
    // currentHost()). False when the line could not be written whole and synced: the caller
    // must then stop deleting. errorString() says why, in one sentence naming the file.
    bool append(DeletionEntry entry);
    // Appends every entry (filled in as append() does), in order, with one write and one sync.
    // False when not all of them could be written whole and synced: then none of them counts as
    // recorded (some lines may have reached the file all the same), and the caller must stop.
    // An empty list writes nothing and succeeds.
    bool appendAll(QList<DeletionEntry> entries);
    // appendAll() without the sync: the lines are written whole, to the file's pages rather than
    // the disk, for a caller that has sync() called beside (DeletionRecordSyncer) and shows
    // nothing as recorded before that sync succeeded.
    bool writeAll(QList<DeletionEntry> entries);
    // Syncs the file to disk: what was written to it before is then on the disk, whoever wrote
    // it. False when it could not be (errorString()).
    bool sync();
    // Whether appending can work now (the folder and file are made if missing, nothing is
    // written): asked before the first delete is sent, so an unwritable record costs nothing.
    bool check();
    QString errorString() const { return m_error; }

    // The login name: that of the login session when there is one, else the system user
    // database's name for the effective user id (never $USER alone, which anyone can set).
    static QString currentUser();
    static QString currentHost();

private:
    bool write(QList<DeletionEntry> entries, bool synced);
    bool fail(const QString &reason);
    bool makeFolder();
    int openForAppend(qint64 *size); // a file descriptor, or -1 and errorString()
    bool close(int fd, bool synced); // synced to disk first if asked; false and errorString()

    QString m_path;
    QString m_error;
};
