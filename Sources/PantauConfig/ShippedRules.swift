extension RulesFile {
    /// The shipped rules for Kota Tangerang: what a console evaluates without `--rules`.
    public static let shipped: RulesFile = {
        do {
            return try parse(shippedYAML, file: shippedFileName)
        } catch {
            // The shipped text is checked by the tests; this is not reached.
            return RulesFile(rules: [])
        }
    }()

    /// The name the shipped rules go by in messages.
    public static let shippedFileName = "rules.yaml (shipped)"

    /// The shipped rules file, commented: what `pantau rules example` prints, the way to start
    /// your own. Tuned so that the bundled day raises a handful of alarms, each worth attention.
    public static let shippedYAML = #"""
    # Pantau rules file: when an alarm is raised, and what a console does then. Check yours with
    # `pantau rules check FILE`, use it with `--rules FILE` on run, demo, replay and snapshot (it
    # is reloaded when it changes; a bad edit keeps the rules in force and says why).
    #
    # Every rule has a `name` (letters, digits, - _ .; part of each alarm's id), a kind (`when`),
    # a `severity` (1 to 5, default 3) and `for`, how long its condition must hold before the alarm
    # is raised (default 0). It raises once per episode on a subject (a gauge, a road segment, an
    # office, an incident, a source) and clears only below a lower level (`clear_below`, below the
    # raise level): a value hovering at the level does not flap.
    #
    # Kinds and their keys:
    #   band             sensor (water_level, ispu, pm25), at (Siaga 3/2/1, or an ISPU category such
    #                    as Tidak Sehat), clear_below (a lower band or a value; default one band
    #                    lower), stations (default any)
    #   above            sensor, value, clear_below (default 5% lower), stations
    #   rising           sensor, per_hour (e.g. cm per hour), over (default 1h), clear_below
    #                    (default half), stations
    #   jam              level (1 to 5), clear_below (default one lower), roads (names or segment ids;
    #                    default any)
    #   overdue_tickets  more_than, clear_at (default one fewer), offices (default every office)
    #   unacknowledged   severity_at_least (default 4): an incident not acknowledged within its
    #                    acknowledge target (the desk file's targets)
    #   no_signal        sources (default every source seen), for: the silence (at least 1m)
    #
    # `then` (optional): bell and flash (default true; never for viewers), incident (open an
    # incident from the alarm at once, default false), command (argv, never a shell, with the
    # alarm's fields in PANTAU_ALARM_* variables) and its timeout (default 10s), mqtt (a topic to
    # publish the alarm to).
    rules:
      - name: water-siaga2
        when: band
        sensor: water_level
        at: Siaga 2
        clear_below: Siaga 3
        for: 10m
        severity: 4

      - name: water-awas
        when: band
        sensor: water_level
        at: Siaga 1
        clear_below: Siaga 2
        for: 5m
        severity: 5
        then:
          incident: true

      - name: water-rising-fast
        when: rising
        sensor: water_level
        per_hour: 60
        over: 1h
        clear_below: 20
        for: 10m
        severity: 3

      - name: air-tidak-sehat
        when: band
        sensor: ispu
        at: Tidak Sehat
        clear_below: 90
        for: 30m
        severity: 3
        then:
          bell: false

      - name: toll-standstill
        when: jam
        level: 5
        clear_below: 3
        roads: [Tol Jakarta–Tangerang, Jl. Daan Mogot]
        for: 30m
        severity: 3
        then:
          bell: false

      - name: overdue-tickets
        when: overdue_tickets
        more_than: 3
        clear_at: 2
        for: 30m
        severity: 2
        then:
          bell: false
          flash: false

      - name: unacknowledged-sev4
        when: unacknowledged
        severity_at_least: 4
        for: 3m
        severity: 4

      - name: feed-silent
        when: no_signal
        for: 10m
        severity: 3
    """#
}
