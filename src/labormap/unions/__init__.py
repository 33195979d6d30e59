"""Trade unions: electronic collective agreements (item 28) — template, checks, versions, states, reminders.

Pure engine code (no Django): the web app ``labormap.web.unions`` stores drafts and calls these rules.
"""
