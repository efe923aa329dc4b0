# The initfs image: programs and /etc from the tree, packed by mkinitfs.
# (Step 1: an empty image until the packer lands.)
$(B)/initfs.img:
	@mkdir -p $(dir $@)
	: > $@
