package policies

// Asked lists the control ids the draft's text asked to cite, applicable or not.
func Asked(d *Draft) []string { return d.asked }
