"""What a screen does, as plain classes with their dependencies in the constructor.

A flow does its disk and network work in a worker and reports what happened as messages
(:mod:`.base`); it never touches a widget. The screen that holds it renders the reports.
"""
