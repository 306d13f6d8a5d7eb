<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>edgecore::EventLogModel</name>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="94"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="96"/>
        <source>Lab time (ms)</source>
        <translation>Laborzeit (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="98"/>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="100"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="102"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="104"/>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="106"/>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="108"/>
        <source>Lamport</source>
        <translation>Lamport</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="110"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>edgecore::MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="35"/>
        <location filename="../widgets/mainwindow.cpp" line="180"/>
        <source>EdgeCore Lab</source>
        <translation>EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="96"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="109"/>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="112"/>
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="125"/>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="127"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="131"/>
        <source> Protocol </source>
        <translation> Protokoll </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="135"/>
        <source>Commit protocol of the sessions you start from here</source>
        <translation>Commit-Protokoll der Sitzungen, die Sie hier starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="139"/>
        <source>New VOICE session</source>
        <translation>Neue VOICE-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="141"/>
        <source>New DATA session</source>
        <translation>Neue DATA-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="143"/>
        <source>Load test</source>
        <translation>Lasttest</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="147"/>
        <source> Seed </source>
        <translation> Startwert </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="151"/>
        <source>Seed for every random choice of the next reset</source>
        <translation>Startwert für jede Zufallsentscheidung nach dem nächsten Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="153"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="156"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="181"/>
        <source>The cluster could not start:
%1</source>
        <translation>Der Cluster konnte nicht starten:
%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="241"/>
        <source>Load test: %1 of %2 sessions answered</source>
        <translation>Lasttest: %1 von %2 Sitzungen beantwortet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="270"/>
        <source>Committed %1 · Aborted %2 · Invalid %3 · Rejected frames %4 · Events %5</source>
        <translation>Bestätigt %1 · Abgebrochen %2 · Ungültig %3 · Abgewiesene Frames %4 · Ereignisse %5</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="277"/>
        <source>Lab time %1 s%2</source>
        <translation>Laborzeit %1 s%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="279"/>
        <source> (paused)</source>
        <translation> (angehalten)</translation>
    </message>
</context>
<context>
    <name>edgecore::SessionsModel</name>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="81"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="83"/>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="85"/>
        <source>Subscriber</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="87"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="89"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="91"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="93"/>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="95"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
</TS>
