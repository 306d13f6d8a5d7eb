<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>edgecore::EventLogModel</name>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="104"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="106"/>
        <source>Lab time (ms)</source>
        <translation>Laborzeit (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="108"/>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="110"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="112"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="114"/>
        <source>Peer</source>
        <translation>Gegenstelle</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="116"/>
        <source>Transaction</source>
        <translation>Transaktion</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="118"/>
        <source>Lamport</source>
        <translation>Lamport</translation>
    </message>
    <message>
        <location filename="../widgets/eventlogmodel.cpp" line="120"/>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>edgecore::MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="43"/>
        <location filename="../widgets/mainwindow.cpp" line="264"/>
        <source>EdgeCore Lab</source>
        <translation>EdgeCore Lab</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="122"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="140"/>
        <source>Load test %v/%m</source>
        <translation>Lasttest %v/%m</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="144"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="145"/>
        <source>Stop the load test: nothing more is submitted; what is under way finishes</source>
        <translation>Den Lasttest beenden: nichts Neues wird gestartet; was läuft, endet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="154"/>
        <source>The invariant checker, reading every trace event as it comes: click for its report</source>
        <translation>Der Invariantenprüfer liest jedes Trace-Ereignis, sobald es kommt: klicken für seinen Bericht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="166"/>
        <source>Lab</source>
        <translation>Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="169"/>
        <source>&amp;Lab</source>
        <translation>&amp;Labor</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="182"/>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="184"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="188"/>
        <source> Protocol </source>
        <translation> Protokoll </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="192"/>
        <source>Commit protocol of the sessions you start from here</source>
        <translation>Commit-Protokoll der Sitzungen, die Sie hier starten</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="196"/>
        <source>New VOICE session</source>
        <translation>Neue VOICE-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="198"/>
        <source>New DATA session</source>
        <translation>Neue DATA-Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="200"/>
        <source>Load test</source>
        <translation>Lasttest</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="204"/>
        <source> Seed </source>
        <translation> Startwert </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="211"/>
        <source>Seed for every random choice of the next reset</source>
        <translation>Startwert für jede Zufallsentscheidung nach dem nächsten Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="219"/>
        <source> Speed </source>
        <translation> Tempo </translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="227"/>
        <source>Lab clock speed: 0.1 (slow motion) to 10</source>
        <translation>Tempo der Laboruhr: 0,1 (Zeitlupe) bis 10</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="234"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="237"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="265"/>
        <source>The cluster could not start:
%1</source>
        <translation>Der Cluster konnte nicht starten:
%1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="364"/>
        <source>Every invariant holds over the %1 transactions seen so far.</source>
        <translation>Jede Invariante gilt für die %1 bisher gesehenen Transaktionen.</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="368"/>
        <source>The story:</source>
        <translation>Der Verlauf:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="373"/>
        <source>Invariant checker</source>
        <translation>Invariantenprüfer</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="374"/>
        <location filename="../widgets/mainwindow.cpp" line="443"/>
        <source>Checker: ok</source>
        <translation>Prüfer: ok</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="374"/>
        <source>Checker: violated</source>
        <translation>Prüfer: verletzt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="422"/>
        <source>Committed %1 (active %2, released %3) · Aborted %4 · Invalid %5 · Rejected frames %6 · Events %7</source>
        <translation>Bestätigt %1 (aktiv %2, freigegeben %3) · Abgebrochen %4 · Ungültig %5 · Abgewiesene Frames %6 · Ereignisse %7</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="436"/>
        <source>A service halted: storage failure (%1)</source>
        <translation>Ein Dienst hat angehalten: Speicherfehler (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="437"/>
        <source>%1 services halted: storage failure</source>
        <translation>%1 Dienste haben angehalten: Speicherfehler</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="439"/>
        <source>Trace full: %1 events not recorded</source>
        <translation>Trace voll: %1 Ereignisse nicht aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="444"/>
        <source>Checker: %1 violated</source>
        <translation>Prüfer: %1 verletzt</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="452"/>
        <source>Lab time %1 s%2</source>
        <translation>Laborzeit %1 s%2</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="454"/>
        <source> (paused)</source>
        <translation> (angehalten)</translation>
    </message>
</context>
<context>
    <name>edgecore::SessionsModel</name>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="63"/>
        <source>Released %1 ms after it ended</source>
        <translation>%1 ms nach dem Ende freigegeben</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="92"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="94"/>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="96"/>
        <source>Subscriber</source>
        <translation>Teilnehmer</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="98"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="100"/>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="102"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="104"/>
        <source>Latency (ms)</source>
        <translation>Latenz (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="106"/>
        <source>Lasts (s)</source>
        <translation>Dauer (s)</translation>
    </message>
    <message>
        <location filename="../widgets/sessionsmodel.cpp" line="108"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
</TS>
