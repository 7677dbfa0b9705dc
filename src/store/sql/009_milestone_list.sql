-- finctl schema version 9: the milestone screen lists milestones by due date.

CREATE INDEX milestones_due ON milestones (due_date, id);
